; Inno Setup 6 script for ClientJournal on Windows: a per-user or all-users install of the one-dir bundle.
;
;   python3 tasks.py package                       (on Windows: builds dist\clientjournal\ with PyInstaller)
;   iscc /DAppVersion=0.1.0 packaging\windows\clientjournal.iss
;
; Output: dist\ClientJournal-<version>-setup.exe. The GitHub workflow (packaging/ci/github-release.yml) passes
; the version from pyproject.toml. AppUserModelID must equal APP_ID in clientjournal/config.py (a test checks):
; Windows shows toast notifications only for apps whose Start-menu shortcut carries the id the process uses.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "ClientJournal"
#define AppUserModelID "no.clientjournal.ClientJournal"
#define AppExe "clientjournal.exe"
#define CliExe "clientjournal-cli.exe"
#define Bundle "..\..\dist\clientjournal"

[Setup]
; A fixed AppId: upgrades replace the installed copy instead of installing beside it.
AppId={{5B0C3E2A-6C7E-4D51-9A3E-0C1E2F6B7A10}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=The ClientJournal developers
AppPublisherURL=https://github.com/clientjournal/clientjournal
AppSupportURL=https://github.com/clientjournal/clientjournal/issues
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=ClientJournal-{#AppVersion}-setup
SetupIconFile=..\..\build\icons\clientjournal.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
LicenseFile=..\..\LICENSE
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Version resource of setup.exe itself (the executables get theirs from the PyInstaller spec).
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoProductVersion={#AppVersion}
VersionInfoCompany=The ClientJournal developers
VersionInfoDescription={#AppName} setup
VersionInfoCopyright=GPL-3.0-or-later
; Close a running ClientJournal before files are replaced or removed.
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "nb"; MessagesFile: "compiler:Languages\Norwegian.isl"

[CustomMessages]
en.StartAtLogin=Start {#AppName} when I sign in (for reminders)
nb.StartAtLogin=Start {#AppName} når jeg logger på (for påminnelser)
en.DesktopIcon=Create a desktop shortcut
nb.DesktopIcon=Lag en snarvei på skrivebordet

[Tasks]
Name: "startatlogin"; Description: "{cm:StartAtLogin}"; Flags: unchecked
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; Flags: unchecked

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
; The Start-menu shortcut carries the AppUserModelID: toasts (reminders) are attributed to it.
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; AppUserModelID: "{#AppUserModelID}"; Comment: "Encrypted client journal with a communication coach"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; AppUserModelID: "{#AppUserModelID}"; Tasks: desktopicon

[Registry]
; Optional start at login (per user). Removed by the uninstaller (uninsdeletevalue).
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: string; ValueName: "{#AppName}"; ValueData: """{app}\{#AppExe}"""; Flags: uninsdeletevalue; Tasks: startatlogin

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the installer put there (and Python's byte-code caches); the vault and settings in the user's data
; folder stay: uninstalling must never delete a user's journal.
Type: filesandordirs; Name: "{app}\_internal"
Type: dirifempty; Name: "{app}"
