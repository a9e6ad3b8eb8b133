#!/bin/sh
# Copies the screens walk's 1280×800 screenshots (test/e2e/screens.test.ts writes them to
# test-output/screenshots) to the guide's and the README's pictures. Run after `npm test` (or
# `npx vitest run test/e2e/screens.test.ts`) and look at what changed before committing it.
set -eu
cd "$(dirname "$0")/.."
shots=test-output/screenshots
for lang in ja en; do
  for pair in first-run:s01-first-run setup-form:s02-setup-form lists:s03-lists compose:s04-compose \
              check:s05-check approval:s08-approval send-completed:s10-send-completed history:s11-history; do
    cp "$shots/${pair#*:}-$lang-1280.png" "docs/images/guide-${pair%%:*}-$lang.png"
  done
  for pair in first-run:s01-first-run check:s05-check outbox:s12-outbox; do
    cp "$shots/${pair#*:}-$lang-1280.png" "docs/screenshots/practice-${pair%%:*}-$lang.png"
  done
done
echo "docs/images and docs/screenshots refreshed from $shots"
