#!/usr/bin/env bash
# Build crisisplan.app and a .dmg for it, optionally signed and notarised. macOS only
# (PyInstaller cannot cross-build; hdiutil, codesign and notarytool are Apple's). Steps and
# the accounts they need: docs/packaging.md, "macOS".
#
#   installer/macos/make_dmg.sh                      # unsigned: for your own Mac only
#   installer/macos/make_dmg.sh --sign "Developer ID Application: NAME (TEAMID)" \
#                               --notarize PROFILE   # for everyone
#
# PROFILE is a notarytool keychain profile made once with
#   xcrun notarytool store-credentials PROFILE --apple-id ID --team-id TEAMID
# so no password is ever on the command line.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [[ "$(uname -s)" != Darwin ]]; then
  echo "make_dmg.sh runs on macOS only (it needs hdiutil and codesign)." >&2
  exit 2
fi

sign_id=""
notary_profile=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --sign) sign_id="$2"; shift 2 ;;
    --notarize) notary_profile="$2"; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
if [[ -n "$notary_profile" && -z "$sign_id" ]]; then
  echo "--notarize needs --sign: Apple notarises only signed apps." >&2
  exit 2
fi

python=.venv/bin/python
version="$("$python" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')"
app=dist/crisisplan.app
dmg="dist/crisisplan-${version}-macos-$(uname -m).dmg"

# 1. The app. With an identity, PyInstaller signs every library and the app itself with
#    the hardened runtime, a secure timestamp and installer/macos/entitlements.plist.
rm -rf "$app" dist/crisisplan build/pyinstaller
CRISISPLAN_CODESIGN_IDENTITY="$sign_id" .venv/bin/pyinstaller --noconfirm --clean \
  --distpath dist --workpath build/pyinstaller packaging/crisisplan.spec

# 2. Does it work, frozen? (vault, PDFs, keyring backends, windows; in a temporary folder)
"$app/Contents/MacOS/crisisplan" --self-test

if [[ -n "$sign_id" ]]; then
  codesign --verify --deep --strict --verbose=2 "$app"
fi

# 3. The disk image: the app and a link to /Applications to drag it onto.
staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"
rm -f "$dmg"
hdiutil create -volname "crisisplan ${version}" -srcfolder "$staging" \
  -fs HFS+ -format UDZO -ov "$dmg"

# 4. Sign the image, notarise it (Apple scans it; minutes), staple the ticket so that
#    Gatekeeper accepts it offline, and check the result as Gatekeeper will.
if [[ -n "$sign_id" ]]; then
  codesign --force --timestamp --sign "$sign_id" "$dmg"
fi
if [[ -n "$notary_profile" ]]; then
  xcrun notarytool submit "$dmg" --keychain-profile "$notary_profile" --wait
  xcrun stapler staple "$dmg"
  spctl --assess --type open --context context:primary-signature --verbose=2 "$dmg"
fi
echo "built $dmg"
