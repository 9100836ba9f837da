; Inno Setup script: the per-user installer of Sesaku Desk (施策デスク) for Windows.
;
; Build the bundle first (python packaging\build.py), then, from the repository root:
;     "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\sesaku-desk.iss
; The installer lands in dist\installer\. It installs for the current user
; only, into %LOCALAPPDATA%\Programs\SesakuDesk: no administrator rights, no
; UAC prompt, nothing downloaded. Databases and settings live in the user's
; data folder, not under {app}, so an update or an uninstall never touches them.
; Saved as UTF-8 with BOM: Inno Setup 6 then reads the Japanese names correctly.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "施策デスク"
#define AppExe "sesaku-desk.exe"
#define Root "..\.."

[Setup]
AppId={{6B7E3C1A-5D2F-4E8B-9A61-3F0C2D7B8E45}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Sesaku Desk
DefaultDirName={localappdata}\Programs\SesakuDesk
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#Root}\dist\installer
OutputBaseFilename=sesaku-desk-{#AppVersion}-setup
SetupIconFile={#Root}\build\sesaku-desk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no
CloseApplications=yes

[Languages]
Name: "japanese"; MessagesFile: "compiler:Languages\Japanese.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole one-folder bundle: the GUI exe, its console twin (CLI) and _internal\.
Source: "{#Root}\dist\sesaku-desk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An update replaces the bundle's libraries wholesale (stale modules of an older version must not load).
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
