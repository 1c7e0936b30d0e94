// Package layers holds no code: its test checks, with go list, that the
// packages of Fail Forward import one another in one direction only and
// that each outside library is reached through one package:
//
//   - only audio/device imports PortAudio (cgo);
//   - only audio/wavfile imports go-audio;
//   - only the command (main) and ui/... import Fyne, and no other package
//     depends on Fyne even indirectly, so the command line (cli) builds
//     without the cgo GL driver;
//   - no package under ui imports audio/wavfile: the screens open a take's
//     recording through audio/takefile and audio/peaks (tests, and the
//     harness they share, may read and write WAV files);
//   - a screen package under ui (every package directly under it but
//     widgets, timeline and prefs) imports neither ui nor another screen
//     package, and the shared packages import neither.
package layers
