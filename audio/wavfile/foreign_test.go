package wavfile

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// soxInfo asks soxi about a file: rate, channels, frames.
func soxInfo(t *testing.T, path string) (rate, channels int, frames int64) {
	t.Helper()
	num := func(flag string) int64 {
		out := strings.TrimSpace(string(runTool(t, "soxi", flag, path)))
		n, err := strconv.ParseInt(out, 10, 64)
		if err != nil {
			t.Fatalf("soxi %s %s: %q: %v", flag, path, out, err)
		}
		return n
	}
	return int(num("-r")), int(num("-c")), num("-s")
}

// spliceChunk returns a copy of the WAV file b with a chunk inserted at
// offset at (a chunk boundary), its pad byte added when size is odd, and
// the RIFF size fixed.
func spliceChunk(b []byte, at int, id string, body []byte) []byte {
	var c bytes.Buffer
	c.WriteString(id)
	_ = binary.Write(&c, binary.LittleEndian, uint32(len(body)))
	c.Write(body)
	if len(body)%2 == 1 {
		c.WriteByte(0)
	}
	out := append(append(append([]byte(nil), b[:at]...), c.Bytes()...), b[at:]...)
	binary.LittleEndian.PutUint32(out[4:], uint32(len(out)-8))
	return out
}

// dataOffset returns the offset of the "data" chunk header in a WAV file.
func dataOffset(t *testing.T, b []byte) int {
	t.Helper()
	for pos := 12; pos+8 <= len(b); {
		if string(b[pos:pos+4]) == "data" {
			return pos
		}
		size := int(binary.LittleEndian.Uint32(b[pos+4:]))
		pos += 8 + size + size%2
	}
	t.Fatal("no data chunk")
	return 0
}

// listInfo is a LIST/INFO chunk body as editors write it: software name
// and an odd-length title.
var listInfo = []byte("INFOISFT\x0e\x00\x00\x00Lavf60.16.100\x00INAM\x05\x00\x00\x00take\x00\x00")

// TestForeignFiles opens WAV files made by sox in every layout the app may
// be given, and files spliced with the extra chunks other programs write.
// Each must open with sox's idea of rate, channels and length, and read as
// sox's own mix to 16-bit mono, to within rounding.
func TestForeignFiles(t *testing.T) {
	needTool(t, "sox")
	dir := t.TempDir()
	// Stereo source with different content per channel, so a wrong mix
	// or a swapped channel shows.
	src := filepath.Join(dir, "src.wav")
	runTool(t, "sox", "-D", "-n", "-r", "48000", "-c", "2", "-b", "24", src,
		"synth", "1.2501", "sine", "440", "sine", "1250", "vol", "0.8")
	tests := []struct {
		name string
		opts []string // sox output options
		tol  int      // allowed difference from sox's mix, in 16-bit steps
	}{
		{"8-bit mono 22.05 kHz", []string{"-b", "8", "-c", "1", "-r", "22050"}, 1},
		{"8-bit stereo 8 kHz odd length", []string{"-b", "8", "-r", "8000"}, 1},
		{"16-bit stereo 44.1 kHz", []string{"-b", "16", "-r", "44100"}, 1},
		{"16-bit mono 96 kHz", []string{"-b", "16", "-c", "1", "-r", "96000"}, 0},
		{"24-bit stereo extensible", []string{"-b", "24"}, 2},
		{"24-bit stereo plain header", []string{"-t", "wavpcm", "-b", "24"}, 2},
		{"32-bit integer mono", []string{"-b", "32", "-e", "signed-integer", "-c", "1"}, 1},
		{"32-bit float stereo", []string{"-b", "32", "-e", "floating-point"}, 2},
		{"32-bit float mono 16 kHz", []string{"-b", "32", "-e", "floating-point", "-c", "1", "-r", "16000"}, 1},
		{"6 channels 16-bit", []string{"-b", "16", "-c", "6"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_")+".wav")
			args := append([]string{"-D", "-V1", src}, tt.opts...)
			runTool(t, "sox", append(args, out)...)
			checkLikeSox(t, out, tt.tol)
		})
	}

	// Chunks other programs add, spliced into a file sox wrote.
	base := filepath.Join(dir, "base.wav")
	runTool(t, "sox", "-D", "-V1", src, "-b", "16", "-r", "44100", base)
	b, err := os.ReadFile(base)
	if err != nil {
		t.Fatal(err)
	}
	data := dataOffset(t, b)
	odd8 := filepath.Join(dir, "odd8.wav")
	runTool(t, "sox", "-D", "-V1", src, "-b", "8", "-c", "1", "-r", "8000", odd8, "trim", "0", "9999s")
	o, err := os.ReadFile(odd8)
	if err != nil {
		t.Fatal(err)
	}
	// trim counts at the source rate: 9999 frames at 48 kHz are 1667 here.
	oddSize := int(binary.LittleEndian.Uint32(o[dataOffset(t, o)+4:]))
	oddEnd := dataOffset(t, o) + 8 + oddSize
	if oddSize%2 != 1 || len(o) < oddEnd {
		t.Fatalf("the 8-bit file has a data chunk of %d bytes, want an odd size", oddSize)
	}
	// The pad byte after the odd data chunk, then a chunk.
	o = append(o[:oddEnd:oddEnd], 0)
	spliced := []struct {
		name string
		b    []byte
	}{
		{"LIST INFO before data", spliceChunk(b, data, "LIST", listInfo)},
		{"LIST INFO after data", spliceChunk(b, len(b), "LIST", listInfo)},
		{"odd-sized chunk before data", spliceChunk(b, data, "junk", []byte("abcde"))},
		{"JUNK before fmt", spliceChunk(b, 12, "JUNK", make([]byte, 28))},
		{"odd data size then LIST", spliceChunk(o, len(o), "LIST", listInfo)},
		{"bext fact and cue chunks", spliceChunk(spliceChunk(spliceChunk(b, data, "bext", make([]byte, 602)), data, "fact", []byte{1, 2, 3, 4}), len(b), "cue ", make([]byte, 4))},
	}
	for _, s := range spliced {
		t.Run(s.name, func(t *testing.T) {
			p := filepath.Join(dir, strings.ReplaceAll(s.name, " ", "_")+".wav")
			if err := os.WriteFile(p, s.b, 0o600); err != nil {
				t.Fatal(err)
			}
			checkLikeSox(t, p, 1)
		})
	}
}

// checkLikeSox opens path and compares it with what sox makes of it.
func checkLikeSox(t *testing.T, path string, tol int) {
	t.Helper()
	rate, channels, frames := soxInfo(t, path)
	want := soxDecode(t, path) // sox's own mix to 16-bit mono
	got, info, err := ReadMono(path)
	if err != nil {
		t.Fatalf("ReadMono: %v", err)
	}
	if info.SampleRate != rate || info.Channels != channels || info.Frames != frames || int64(len(got)) != frames {
		t.Errorf("Info %+v (%d frames read), sox says %d Hz, %d channels, %d frames", info, len(got), rate, channels, frames)
	}
	wantDur := time.Duration(float64(frames) / float64(rate) * float64(time.Second))
	if d := info.Duration() - wantDur; d < -time.Microsecond || d > time.Microsecond {
		t.Errorf("Duration %v, want %v", info.Duration(), wantDur)
	}
	if len(want) != len(got) {
		t.Fatalf("read %d frames, sox decodes %d", len(got), len(want))
	}
	worst, at := 0, 0
	for i := range got {
		d := int(got[i]) - int(want[i])
		if d < 0 {
			d = -d
		}
		if d > worst {
			worst, at = d, i
		}
	}
	if worst > tol {
		t.Errorf("frame %d = %d, sox mixes it to %d: off by %d, want at most %d", at, got[at], want[at], worst, tol)
	}
	var loud bool
	for _, v := range got {
		if v > 8000 || v < -8000 {
			loud = true
			break
		}
	}
	if !loud {
		t.Error("the signal is missing: no sample beyond ±8000")
	}
}

// TestBrokenFiles gives the reader files that are cut, empty or not
// audio at all: each opens with what it holds or is refused with a
// *FormatError that says what is wrong and what to do.
func TestBrokenFiles(t *testing.T) {
	needTool(t, "sox")
	dir := t.TempDir()
	stereo := filepath.Join(dir, "stereo.wav")
	runTool(t, "sox", "-D", "-n", "-r", "16000", "-c", "2", "-b", "16", stereo, "synth", "0.5", "sine", "300", "sine", "500")
	x24 := filepath.Join(dir, "x24.wav")
	runTool(t, "sox", "-D", "-n", "-r", "16000", "-c", "2", "-b", "24", x24, "synth", "0.5", "sine", "300", "sine", "500")
	sb, err := os.ReadFile(stereo)
	if err != nil {
		t.Fatal(err)
	}
	xb, err := os.ReadFile(x24)
	if err != nil {
		t.Fatal(err)
	}
	headerOnly := filepath.Join(dir, "header-only.wav")
	runTool(t, "sox", "-n", "-r", "16000", "-b", "16", "-c", "1", headerOnly, "trim", "0", "0")
	headerOnlyFloat := filepath.Join(dir, "header-only-float.wav")
	runTool(t, "sox", "-n", "-r", "16000", "-e", "floating-point", "-b", "32", headerOnlyFloat, "trim", "0", "0")
	ulaw := filepath.Join(dir, "ulaw.wav")
	runTool(t, "sox", stereo, "-e", "u-law", ulaw)
	adpcm := filepath.Join(dir, "adpcm.wav")
	runTool(t, "sox", stereo, "-e", "ima-adpcm", adpcm)
	aiff := filepath.Join(dir, "aiff.wav") // an AIFF file named .wav
	runTool(t, "sox", stereo, "-t", "aiff", aiff)
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	xdata := dataOffset(t, xb) + 8
	tests := []struct {
		name   string
		path   string
		frames int64  // frames it opens with, if it opens
		what   string // the start of the refusal, if refused
	}{
		{"zero-length", write("zero.wav", nil), 0, "the file is empty"},
		{"header only", headerOnly, 0, ""},
		{"header only float", headerOnlyFloat, 0, ""},
		{"cut inside the header", write("cut-header.wav", sb[:20]), 0, `"fmt " chunk runs past the end of the file`},
		{"cut before the data chunk", write("cut-fmt.wav", sb[:36]), 0, "no data chunk"},
		{"cut inside a frame", write("cut-frame.wav", sb[:44+4*1000+3]), 1000, ""},
		{"cut inside a sample", write("cut-sample.wav", sb[:44+4*1000+1]), 1000, ""},
		{"extensible cut inside a frame", write("cut-x24.wav", xb[:xdata+6*777+4]), 777, ""},
		{"data size zero", write("size-zero.wav", func() []byte {
			b := append([]byte(nil), sb...)
			binary.LittleEndian.PutUint32(b[40:], 0)
			return b
		}()), 0, ""},
		{"u-law", ulaw, 0, "compressed or unknown encoding (format tag 0x0007)"},
		{"IMA ADPCM", adpcm, 0, "compressed or unknown encoding (format tag 0x0011)"},
		{"AIFF", aiff, 0, "not a WAV file"},
		{"text", write("notes.wav", []byte("RIFF is a container; this is not one.\n")), 0, "not a WAV file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.what != "" {
				checkRefused(t, tt.path, tt.what)
				return
			}
			got, info, err := ReadMono(tt.path)
			if err != nil {
				t.Fatalf("ReadMono: %v", err)
			}
			if int64(len(got)) != tt.frames || info.Frames != tt.frames {
				t.Errorf("read %d frames (Info %d), want %d", len(got), info.Frames, tt.frames)
			}
			if tt.frames > 0 {
				// What is there reads as sox reads the whole file.
				whole := soxDecode(t, stereo)
				if strings.Contains(tt.name, "extensible") {
					whole = soxDecode(t, x24)
				}
				for i := range got {
					if d := int(got[i]) - int(whole[i]); d < -2 || d > 2 {
						t.Fatalf("frame %d = %d, the whole file has %d", i, got[i], whole[i])
					}
				}
			}
		})
	}
}

func TestFloatTo16(t *testing.T) {
	tests := []struct {
		in   float32
		want int16
	}{
		{0, 0},
		{0.5, 16384},
		{-0.5, -16384},
		{1, 32767}, // full scale clips to the largest 16-bit value
		{-1, -32768},
		{1.5, 32767},
		{-7, -32768},
		{1.0 / 32768, 1},
		{0.4 / 32768, 0},
		{float32(math.Inf(1)), 32767},
		{float32(math.Inf(-1)), -32768},
		{float32(math.NaN()), 0},
	}
	for _, tt := range tests {
		if got := floatTo16(tt.in); got != tt.want {
			t.Errorf("floatTo16(%v) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

// TestReadFloatMatchesReference reads float files built byte by byte,
// with values beyond full scale and NaNs, and checks them against a plain
// conversion.
func TestReadFloatMatchesReference(t *testing.T) {
	for _, ch := range []int{1, 2, 3} {
		vals := make([]float32, 4099*ch)
		for i := range vals {
			switch i % 101 {
			case 0:
				vals[i] = float32(math.NaN())
			case 1:
				vals[i] = 3
			case 2:
				vals[i] = -3
			default:
				vals[i] = float32(math.Sin(float64(i) * 0.37))
			}
		}
		var data []byte
		for _, v := range vals {
			data = binary.LittleEndian.AppendUint32(data, math.Float32bits(v))
		}
		for _, tag := range []uint16{tagFloat, tagExtensible} {
			s := wavSpec{tag: tag, subTag: tagFloat, channels: ch, rate: 22050, bits: 32, data: data, dataSize: -1}
			path := buildWAV(t, t.TempDir(), "f.wav", s)
			got, info, err := ReadMono(path)
			if err != nil {
				t.Fatalf("%d channels, tag %#x: %v", ch, tag, err)
			}
			if info.Frames != 4099 || info.Channels != ch || info.BitDepth != 32 {
				t.Errorf("Info %+v", info)
			}
			for i := range got {
				sum := 0
				for c := range ch {
					sum += int(floatTo16(vals[i*ch+c]))
				}
				if want := int16(sum / ch); got[i] != want {
					t.Fatalf("%d channels, tag %#x: frame %d = %d, want %d", ch, tag, i, got[i], want)
				}
			}
		}
	}
	if !errors.Is(formatErr("x", "y", "z"), ErrFormat) {
		t.Error("formatErr does not wrap ErrFormat")
	}
}
