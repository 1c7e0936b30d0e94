package cli

import (
	"errors"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"failforward/audio/peaks"
	"failforward/audio/wavfile"
	"failforward/timer"
)

func init() {
	Register(Command{
		Name:    "waveform",
		Args:    "FILE.wav -o OUT.png [--width 1920] [--height 200]",
		Summary: "draw a take's whole waveform into a PNG image",
		Run:     runWaveform,
	})
}

const waveformUsage = "usage: failforward waveform FILE.wav -o OUT.png [--width 1920] [--height 200]"

// Limits on the image size, in pixels.
const (
	minWaveWidth, maxWaveWidth   = 16, 16384
	minWaveHeight, maxWaveHeight = 8, 4096
)

// The image's colours: the light look of the review screen.
var (
	waveformBackground = color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF}
	waveformInk        = color.NRGBA{0x33, 0x33, 0x33, 0xFF}
)

// runWaveform draws the whole take through the same pyramid and painter as
// the review screen's timeline, without opening a window.
func runWaveform(args []string, stdout, stderr io.Writer) int {
	fail := func(code int, format string, a ...any) int {
		fmt.Fprintf(stderr, "failforward waveform: "+format+"\n", a...)
		return code
	}
	fset := flag.NewFlagSet("waveform", flag.ContinueOnError)
	fset.SetOutput(io.Discard)
	out := fset.String("o", "", "the PNG file to write")
	width := fset.Int("width", 1920, "image width in pixels")
	height := fset.Int("height", 200, "image height in pixels")

	// The file may come before, between or after the flags.
	var files []string
	for {
		if err := fset.Parse(args); err != nil {
			return fail(2, "%v (%s)", err, waveformUsage)
		}
		if fset.NArg() == 0 {
			break
		}
		files = append(files, fset.Arg(0))
		args = fset.Args()[1:]
	}
	switch {
	case len(files) == 0:
		return fail(2, "which recording? give a WAV file (%s)", waveformUsage)
	case len(files) > 1:
		return fail(2, "give one WAV file, not %d (%s)", len(files), waveformUsage)
	case *out == "":
		return fail(2, "say where to write the picture with -o OUT.png (%s)", waveformUsage)
	case *width < minWaveWidth || *width > maxWaveWidth:
		return fail(2, "--width must be %d to %d pixels (got %d)", minWaveWidth, maxWaveWidth, *width)
	case *height < minWaveHeight || *height > maxWaveHeight:
		return fail(2, "--height must be %d to %d pixels (got %d)", minWaveHeight, maxWaveHeight, *height)
	case sameFile(files[0], *out):
		return fail(2, "-o %s would overwrite the recording itself: choose another name for the picture", *out)
	}

	in := files[0]
	p, info, err := peaks.FromWAV(in)
	if err != nil {
		return fail(1, "%s", describeReadError(in, err))
	}
	img := image.NewRGBA(image.Rect(0, 0, *width, *height))
	var painter peaks.Painter
	painter.Draw(img, p, 0, p.Len(), waveformInk, waveformBackground)
	if err := writePNG(*out, img); err != nil {
		return fail(1, "could not write %s: %v (check that the folder exists and you may write there)", *out, err)
	}
	fmt.Fprintf(stdout, "wrote %s: %dx%d pixels, %s of audio at %d Hz\n",
		*out, *width, *height, timer.Format(info.Duration().Round(time.Second)), info.SampleRate)
	return 0
}

// sameFile reports whether two paths name the same file (or, if they do
// not exist yet, the same path).
func sameFile(a, b string) bool {
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(sa, sb)
	}
	return filepath.Clean(a) == filepath.Clean(b)
}

// describeReadError turns a failure to read the recording into one line
// that says what to do.
func describeReadError(path string, err error) string {
	var fe *wavfile.FormatError
	switch {
	case errors.As(err, &fe):
		return fmt.Sprintf("%s: %s (%s)", fe.Path, fe.What, fe.Hint)
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Sprintf("%s: no such file (check the name and folder)", path)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Sprintf("%s: not allowed to read it (check the file's permissions)", path)
	default:
		return fmt.Sprintf("could not read %s: %v", path, err)
	}
}

// writePNG writes img to path through a temporary file in the same
// folder, so a failed write never leaves half a picture behind. Errors
// name no file: the caller names the picture.
func writePNG(path string, img image.Image) error {
	err := writePNGVia(path, img)
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err // the temporary file's name would only confuse
	}
	return err
}

func writePNGVia(path string, img image.Image) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".waveform-*.png")
	if err != nil {
		return err
	}
	tmp := f.Name()
	err = png.Encode(f, img)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		_ = os.Remove(tmp)
	}
	return err
}
