#!/usr/bin/env bash
# Renders the audio prompts of src/main/resources/audio-prompts/prompts.properties to 16 kHz mono
# WAV files beside it. Needs Debian's espeak-ng and sox (apt-get install espeak-ng sox).
# Run it after changing a prompt text and commit the WAV files.
set -euo pipefail
cd "$(dirname "$0")/../src/main/resources/audio-prompts"
grep -E '^[a-z0-9-]+\.text=' prompts.properties | while IFS='=' read -r key text; do
  id=${key%.text}
  espeak-ng -v en-us -s 155 -w "/tmp/prompt-$id.wav" "$text"
  sox "/tmp/prompt-$id.wav" -r 16000 -c 1 -b 16 "$id.wav" norm -3
  rm -f "/tmp/prompt-$id.wav"
  printf '%s: %.1f s\n' "$id" "$(soxi -D "$id.wav")"
done
