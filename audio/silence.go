package audio

// SilenceWindow is how much of the start of an answer SilenceWatch looks at,
// in seconds.
const SilenceWindow = 2.0

// SilenceWatch tells whether the first SilenceWindow seconds of a capture
// were digital silence: every sample exactly 0.
//
// That is what an input stream delivers when the operating system has not
// allowed the app to use the microphone: macOS and Windows still open the
// stream but fill every buffer with zeros. A working microphone never does
// that for two seconds, even in a quiet room, because its noise floor keeps
// flipping the lowest bits. So only exact zeros count: a tolerance of ±1
// would also catch a very quiet but working input, and the hint it leads to
// ("allow the microphone") would then be wrong.
//
// Time is counted in frames fed, not wall-clock time. Samples after the
// window are not looked at. SilenceWatch is not safe for concurrent use.
type SilenceWatch struct {
	window  int64 // frames in the window
	seen    int64 // frames of the window fed so far, at most window
	nonZero bool  // a sample in the window was not 0
}

// NewSilenceWatch returns a watch for a stream at sampleRate frames per
// second. A non-positive rate is treated as 48000.
func NewSilenceWatch(sampleRate int) *SilenceWatch {
	if sampleRate <= 0 {
		sampleRate = defaultRate
	}
	return &SilenceWatch{window: int64(SilenceWindow * float64(sampleRate))}
}

// Reset starts the watch again, for the next answer.
func (w *SilenceWatch) Reset() {
	w.seen, w.nonZero = 0, false
}

// Feed looks at one block of 16-bit mono samples. Only the part of the block
// that falls inside the window is examined, and once a non-zero sample has
// been seen nothing more is. It does not allocate.
func (w *SilenceWatch) Feed(block []int16) {
	left := w.window - w.seen
	if left <= 0 {
		return
	}
	if int64(len(block)) > left {
		block = block[:left]
	}
	w.seen += int64(len(block))
	if w.nonZero {
		return
	}
	for _, s := range block {
		if s != 0 {
			w.nonZero = true
			return
		}
	}
}

// Decided reports whether the whole window has been fed, so that
// DigitalSilence gives its final answer.
func (w *SilenceWatch) Decided() bool {
	return w.seen >= w.window
}

// DigitalSilence reports whether the whole window has been fed and every
// sample in it was exactly 0. It is false while the window is still filling.
func (w *SilenceWatch) DigitalSilence() bool {
	return w.Decided() && !w.nonZero
}

// PermissionHint returns, for an operating system named as in runtime.GOOS,
// what to do when the microphone delivers only silence: allow the app to use
// it (macOS, Windows) or check the input is live and the right one is
// chosen (Linux and the rest).
func PermissionHint(goos string) string {
	switch goos {
	case "darwin":
		return "Open System Settings > Privacy & Security > Microphone, " +
			"turn on Fail Forward, then quit Fail Forward and open it again."
	case "windows":
		return "Open Settings > Privacy & security > Microphone, turn on " +
			"\"Microphone access\" and \"Let desktop apps access your microphone\", " +
			"then close Fail Forward and open it again."
	default:
		return "Check that the input isn't muted in your sound settings " +
			"(or in pavucontrol) and that the right microphone is chosen: " +
			"run failforward devices to see them, then start the app with " +
			"failforward --input \"NAME\"."
	}
}

// SilenceMessage is what the practice screen shows when DigitalSilence is
// true: what happened, the likely reason, and PermissionHint's fix.
func SilenceMessage(goos string) string {
	why := "This usually means the microphone is muted or another input is selected."
	if goos == "darwin" || goos == "windows" {
		why = "This usually means Fail Forward isn't allowed to use the microphone yet."
	}
	return "Your microphone sent only silence for the first two seconds. " +
		why + " " + PermissionHint(goos)
}
