; Inno Setup script: a per-user setup.exe (no administrator rights) for field laptops.
; Build the bundle first (python installers\build.py), then: iscc installers\windows\consultation-app.iss
; The uninstaller removes the program only: consultation data lives in %LOCALAPPDATA%\upr-consultation
; and is never touched.

#define AppName "UPR Consultation"
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6C1D1E0B-7B43-4C47-9B7F-0E5B9C1B7A21}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=UPR consultation project
DefaultDirName={localappdata}\Programs\UPR Consultation
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\..\dist
OutputBaseFilename=consultation-app-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\app.ico
UninstallDisplayIcon={app}\consultation-app.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\..\dist\consultation-app\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\consultation-app.exe"; IconFilename: "{app}\consultation-app.exe"
Name: "{group}\Uninstall {#AppName}"; Filename: "{uninstallexe}"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\consultation-app.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\consultation-app.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program itself wrote in its folder; the data folder is elsewhere and stays.
Type: filesandordirs; Name: "{app}\__pycache__"
