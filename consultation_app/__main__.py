from consultation_app.cli.main import main

if __name__ == "__main__":  # guarded: merge's worker processes import this module again
    raise SystemExit(main())
