; crisisplan's Windows installer (NSIS 3, Modern UI 2).
;
; Per-user: installs into %LOCALAPPDATA%\Programs\crisisplan without administrator
; rights, adds Start-menu entries "crisisplan" and "I'm struggling" (crisisplan.exe
; --crisis), and registers an uninstaller under "Apps & features" for this user only.
;
; The uninstaller removes the program and nothing else: it deletes exactly the files the
; installer wrote (the generated file list) and removes folders only when they are empty.
; The person's encrypted vault and settings live in %LOCALAPPDATA%\crisisplan, a different
; folder, which neither the installer nor the uninstaller ever touches; the uninstaller's
; pages say so.
;
; Build, on Windows, after `pyinstaller packaging\crisisplan.spec` (docs/packaging.md):
;   python packaging\nsis_files.py --bundle dist\crisisplan --out build\nsis\files.nsh
;   makensis -WX -DVERSION=0.1.0 -DFILES_NSH=..\build\nsis\files.nsh ^
;            -DOUTFILE=..\dist\crisisplan-0.1.0-setup.exe installer\crisisplan.nsi
; CI (Linux) compiles this same script against the Linux bundle's file list with
; -DCHECK_ONLY, which only proves the script and the list are valid: that output is not a
; usable installer (it holds Linux files) and is deleted.

Unicode true
ManifestDPIAware true

!ifndef VERSION
  !error "Define the version: makensis -DVERSION=0.1.0 ..."
!endif
!ifndef FILES_NSH
  !error "Define the bundle's file list: makensis -DFILES_NSH=path\to\files.nsh ..."
!endif
!ifndef OUTFILE
  !define OUTFILE "crisisplan-${VERSION}-setup.exe"
!endif

!include "${FILES_NSH}"
!include "MUI2.nsh"
!include "LogicLib.nsh"

!define APP_NAME "crisisplan"
!define APP_EXE "crisisplan.exe"
!define UNINSTALLER "Uninstall crisisplan.exe"
!define MENU_FOLDER "$SMPROGRAMS\crisisplan"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\crisisplan"
; Where the app keeps the vault (platformdirs' user data folder): never installed into,
; never removed.
!define DATA_FOLDER "$LOCALAPPDATA\crisisplan"

!ifdef CHECK_ONLY
  SetCompress off
!else
  SetCompressor /SOLID lzma
!endif

Name "${APP_NAME}"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\crisisplan"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${APP_NAME} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "${APP_NAME}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "${APP_NAME} installer"
VIAddVersionKey "CompanyName" "The crisisplan authors"
VIAddVersionKey "LegalCopyright" "The crisisplan authors, GPL-3.0-or-later"

!define MUI_ICON "../resources/crisisplan.ico"
!define MUI_UNICON "../resources/crisisplan.ico"
!define MUI_ABORTWARNING

!define MUI_WELCOMEPAGE_TEXT "This installs ${APP_NAME} ${VERSION} for you only; no administrator rights are needed.$\r$\n$\r$\n${APP_NAME} keeps your crisis safety plan in one encrypted file on this computer. Nothing is sent anywhere.$\r$\n$\r$\nIf you are in danger now, call your local emergency number."
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Open ${APP_NAME} now"
!insertmacro MUI_PAGE_FINISH

!define MUI_UNCONFIRMPAGE_TEXT_TOP "This removes the ${APP_NAME} program from your computer.$\r$\n$\r$\nYour plan is NOT removed: your encrypted vault and settings stay in ${DATA_FOLDER}. To delete them too, delete that folder yourself after uninstalling."
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!define MUI_FINISHPAGE_TITLE "${APP_NAME} has been removed"
!define MUI_FINISHPAGE_TEXT "The program has been removed. Your plan was kept: your encrypted vault is still in ${DATA_FOLDER}, ready if you install ${APP_NAME} again."
!insertmacro MUI_UNPAGE_FINISH

!insertmacro MUI_LANGUAGE "English"

Function .onInit
  SetShellVarContext current
FunctionEnd

; Never install into the folder that holds the vault, or over a vault anywhere: the
; uninstaller removes what it installed, and must never be near a person's plan.
Function .onVerifyInstDir
  ${If} "$INSTDIR" == "${DATA_FOLDER}"
    Abort
  ${EndIf}
  ${If} ${FileExists} "$INSTDIR\crisisplan.vault"
    Abort
  ${EndIf}
FunctionEnd

Section "crisisplan" SecProgram
  SectionIn RO
  SetOutPath "$INSTDIR"
  !insertmacro CRISISPLAN_INSTALL_FILES
  SetOutPath "$INSTDIR"
  WriteUninstaller "$INSTDIR\${UNINSTALLER}"

  CreateDirectory "${MENU_FOLDER}"
  CreateShortCut "${MENU_FOLDER}\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" \
      "$INSTDIR\${APP_EXE}" 0 SW_SHOWNORMAL "" "Your crisis safety plan"
  CreateShortCut "${MENU_FOLDER}\I'm struggling.lnk" "$INSTDIR\${APP_EXE}" "--crisis" \
      "$INSTDIR\${APP_EXE}" 0 SW_SHOWNORMAL "" "Who you can reach right now"
  CreateShortCut "${MENU_FOLDER}\Uninstall ${APP_NAME}.lnk" "$INSTDIR\${UNINSTALLER}"

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "The crisisplan authors"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" ${BUNDLE_SIZE_KB}
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Function un.onInit
  SetShellVarContext current
FunctionEnd

Section "Uninstall"
  ; Exactly the installed files; folders only once empty (no RMDir /r anywhere).
  !insertmacro CRISISPLAN_UNINSTALL_FILES
  Delete "$INSTDIR\${UNINSTALLER}"
  RMDir "$INSTDIR"

  Delete "${MENU_FOLDER}\${APP_NAME}.lnk"
  Delete "${MENU_FOLDER}\I'm struggling.lnk"
  Delete "${MENU_FOLDER}\Uninstall ${APP_NAME}.lnk"
  RMDir "${MENU_FOLDER}"

  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  ; ${DATA_FOLDER} (the vault and settings) is deliberately left alone.
SectionEnd
