package wavfile

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	goaudio "github.com/go-audio/audio"
	"github.com/go-audio/wav"
)

// pattern is the deterministic test signal: a multiplicative hash of the
// frame index, so a dropped, repeated or shifted frame never goes unseen.
func pattern(i int64) int16 {
	return int16(uint32(i) * 2654435761 >> 16)
}

func patternBlock(from int64, n int) []int16 {
	b := make([]int16, n)
	for i := range b {
		b[i] = pattern(from + int64(i))
	}
	return b
}

// needTool returns the path of an external tool, skipping the test when it
// is missing unless FF_REQUIRE_TOOLS is set, in which case the test fails.
func needTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("FF_REQUIRE_TOOLS") != "" {
			t.Fatalf("%s not found and FF_REQUIRE_TOOLS is set: %v", name, err)
		}
		t.Skipf("%s not installed", name)
	}
	return p
}

// runTool runs a command and returns its standard output.
func runTool(t *testing.T, name string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(needTool(t, name), args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	return out
}

// soxiSamples is the per-channel sample count sox reads from the header.
func soxiSamples(t *testing.T, path string) int64 {
	t.Helper()
	out := strings.TrimSpace(string(runTool(t, "soxi", "-s", path)))
	n, err := strconv.ParseInt(out, 10, 64)
	if err != nil {
		t.Fatalf("soxi -s %s: %q: %v", path, out, err)
	}
	return n
}

// soxDecode decodes path with sox to raw 16-bit mono, without dither.
func soxDecode(t *testing.T, path string) []int16 {
	t.Helper()
	raw := runTool(t, "sox", "-D", "-V1", path, "-t", "raw", "-e", "signed-integer", "-b", "16", "-c", "1", "-L", "-")
	out := make([]int16, len(raw)/2)
	for i := range out {
		out[i] = int16(binary.LittleEndian.Uint16(raw[2*i:]))
	}
	return out
}

// goAudioDecode reads path with go-audio's decoder alone, in chunks, and
// returns the raw interleaved samples.
func goAudioDecode(t *testing.T, path string) (samples []int, channels int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d := wav.NewDecoder(f)
	if !d.IsValidFile() {
		t.Fatalf("go-audio: %s is not a valid file: %v", path, d.Err())
	}
	if err := d.Rewind(); err != nil {
		t.Fatalf("go-audio rewind: %v", err)
	}
	buf := &goaudio.IntBuffer{Data: make([]int, 8192)}
	for {
		n, err := d.PCMBuffer(buf)
		if err != nil {
			t.Fatalf("go-audio PCMBuffer: %v", err)
		}
		if n == 0 {
			break
		}
		samples = append(samples, buf.Data[:n]...)
	}
	return samples, int(d.NumChans)
}

// wavSpec describes a WAV file for buildWAV.
type wavSpec struct {
	tag        uint16 // format tag (1 PCM, 3 float, 0xFFFE extensible)
	subTag     uint16 // sub-format tag for extensible files
	channels   int
	rate       int
	bits       int
	data       []byte // raw sample bytes
	dataSize   int64  // header's data size; -1: len(data)
	junkFirst  bool   // a JUNK chunk before fmt
	listBefore bool   // a LIST chunk between fmt and data
}

// buildWAV writes the WAV file described by s to a new file in dir.
func buildWAV(t testing.TB, dir, name string, s wavSpec) string {
	t.Helper()
	le := binary.LittleEndian
	var b bytes.Buffer
	chunk := func(id string, body []byte) {
		b.WriteString(id)
		_ = binary.Write(&b, le, uint32(len(body)))
		b.Write(body)
		if len(body)%2 == 1 {
			b.WriteByte(0)
		}
	}
	b.WriteString("RIFF\x00\x00\x00\x00WAVE")
	if s.junkFirst {
		chunk("JUNK", make([]byte, 28))
	}
	var f bytes.Buffer
	align := s.channels * s.bits / 8
	put := func(vals ...any) {
		for _, v := range vals {
			_ = binary.Write(&f, le, v)
		}
	}
	put(s.tag, uint16(s.channels), uint32(s.rate), uint32(s.rate*align), uint16(align), uint16(s.bits))
	if s.tag == tagExtensible {
		put(uint16(22), uint16(s.bits), uint32(0), s.subTag,
			[14]byte{0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71})
	}
	chunk("fmt ", f.Bytes())
	if s.listBefore {
		chunk("LIST", []byte("INFOISFT\x05\x00\x00\x00test\x00\x00"))
	}
	size := s.dataSize
	if size < 0 {
		size = int64(len(s.data))
	}
	b.WriteString("data")
	_ = binary.Write(&b, le, uint32(size))
	b.Write(s.data)
	out := b.Bytes()
	le.PutUint32(out[4:], uint32(len(out)-8))
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, out, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// encodeSamples encodes interleaved sample values at the given bit depth
// (8-bit values are unsigned 0..255, as in WAV).
func encodeSamples(vals []int, bits int) []byte {
	var b []byte
	for _, v := range vals {
		switch bits {
		case 8:
			b = append(b, byte(v))
		case 16:
			b = binary.LittleEndian.AppendUint16(b, uint16(v))
		case 24:
			b = append(b, byte(v), byte(v>>8), byte(v>>16))
		case 32:
			b = binary.LittleEndian.AppendUint32(b, uint32(v))
		}
	}
	return b
}

// referenceRead is the simple reader the chunked one is checked against:
// the whole file in memory, parsed with encoding/binary, one frame at a
// time, cut to the file's real length.
func referenceRead(path string) ([]int16, Info, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, Info{}, err
	}
	le := binary.LittleEndian
	if len(b) < 12 || string(b[:4]) != "RIFF" || string(b[8:12]) != "WAVE" {
		return nil, Info{}, errors.New("not RIFF/WAVE")
	}
	var info Info
	for pos := 12; pos+8 <= len(b); {
		id, size := string(b[pos:pos+4]), int(le.Uint32(b[pos+4:]))
		body := b[pos+8:]
		switch id {
		case "fmt ":
			info.Channels = int(le.Uint16(body[2:]))
			info.SampleRate = int(le.Uint32(body[4:]))
			info.BitDepth = int(le.Uint16(body[14:]))
		case "data":
			if size > len(body) {
				size = len(body)
			}
			bps := info.BitDepth / 8
			frames := size / (bps * info.Channels)
			out := make([]int16, frames)
			for i := range out {
				sum := 0
				for c := 0; c < info.Channels; c++ {
					s := body[(i*info.Channels+c)*bps:]
					var v int
					switch info.BitDepth {
					case 8:
						v = (int(s[0]) - 128) * 256
					case 16:
						v = int(int16(le.Uint16(s)))
					case 24:
						v = int(int32(uint32(s[0])<<8|uint32(s[1])<<16|uint32(s[2])<<24) >> 16)
					case 32:
						v = int(int32(le.Uint32(s)) >> 16)
					}
					sum += v
				}
				out[i] = int16(sum / info.Channels)
			}
			info.Frames = int64(frames)
			return out, info, nil
		}
		pos += 8 + size + size%2
	}
	return nil, info, fmt.Errorf("no data chunk")
}

// readAll reads r to the end with reads of n frames.
func readAll(t *testing.T, r *Reader, n int) []int16 {
	t.Helper()
	var out []int16
	buf := make([]int16, n)
	for {
		m, err := r.Read(buf)
		out = append(out, buf[:m]...)
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("Read: %v", err)
		}
		if m == 0 {
			t.Fatal("Read returned 0, nil")
		}
	}
}
