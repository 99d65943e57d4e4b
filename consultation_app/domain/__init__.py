"""Plain Python types and rules: no Qt, no SQL."""
