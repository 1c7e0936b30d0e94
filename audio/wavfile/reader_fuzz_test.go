package wavfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// fuzzSeeds are small files of the layouts the reader knows, for the
// fuzzers to start from; testdata/fuzz holds more, made by sox.
func fuzzSeeds(t testing.TB) [][]byte {
	dir := t.TempDir()
	var seeds [][]byte
	for i, s := range []wavSpec{
		{tag: tagPCM, channels: 1, rate: 16000, bits: 16},
		{tag: tagPCM, channels: 2, rate: 8000, bits: 8, listBefore: true},
		{tag: tagExtensible, subTag: tagPCM, channels: 3, rate: 96000, bits: 24, junkFirst: true},
		{tag: tagFloat, channels: 2, rate: 22050, bits: 32},
		{tag: tagPCM, channels: 1, rate: 44100, bits: 32, dataSize: 0xFFFFFFFF},
	} {
		s.data = encodeSamples(randomSamples(13*s.channels, s.bits, uint64(i)), s.bits)
		if s.dataSize == 0 {
			s.dataSize = -1
		}
		b, err := os.ReadFile(buildWAV(t, dir, "seed.wav", s))
		if err != nil {
			t.Fatal(err)
		}
		seeds = append(seeds, b)
	}
	return seeds
}

// FuzzReadMono gives the reader arbitrary bytes as a file. It must never
// panic or allocate on the word of a header: a file either opens, and then
// reads exactly the frames Info promised (the same in any read size), or
// it is refused with a *FormatError.
func FuzzReadMono(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00\x01\x00\x80\x3e\x00\x00\x00\x7d\x00\x00\x02\x00\x10\x00data\x00\x00\x00\x00"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "fuzz.wav")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		got, info, err := ReadMono(path)
		if err != nil {
			var fe *FormatError
			if !errors.As(err, &fe) || fe.What == "" || fe.Hint == "" || !errors.Is(err, ErrFormat) {
				t.Fatalf("refused without a *FormatError saying what and what to do: %v", err)
			}
			return
		}
		if int64(len(got)) != info.Frames {
			t.Fatalf("read %d frames, Info says %d", len(got), info.Frames)
		}
		if info.Channels < 1 || info.SampleRate < 1 || info.Frames*int64(info.Channels*info.BitDepth/8) > int64(len(data)) {
			t.Fatalf("Info %+v does not fit a file of %d bytes", info, len(data))
		}
		// Small reads give the same audio.
		r, err := Open(path)
		if err != nil {
			t.Fatalf("ReadMono succeeded, Open failed: %v", err)
		}
		defer r.Close()
		buf := make([]int16, 7)
		n := 0
		for {
			m, err := r.Read(buf)
			for i := range m {
				if n+i >= len(got) || buf[i] != got[n+i] {
					t.Fatalf("reads of 7 differ from ReadMono at frame %d", n+i)
				}
			}
			n += m
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
		}
		if n != len(got) {
			t.Fatalf("reads of 7 gave %d frames, ReadMono %d", n, len(got))
		}
	})
}

// FuzzRepair runs Repair on arbitrary bytes. It must never panic; when it
// succeeds the file opens with what Repair reported, and a second Repair
// changes nothing.
func FuzzRepair(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
		if len(s) > 50 {
			f.Add(s[:len(s)-3]) // cut inside a frame
		}
	}
	dir := f.TempDir()
	syncFile = func(*os.File) error { return nil }
	f.Cleanup(func() { syncFile = (*os.File).Sync })
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "fuzz.wav")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		info, err := Repair(path)
		if err != nil {
			if !errors.Is(err, ErrFormat) {
				t.Fatalf("Repair failed without a format error: %v", err)
			}
			return
		}
		once, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		got, info2, err := ReadMono(path)
		if err != nil || info2 != info || int64(len(got)) != info.Frames {
			t.Fatalf("after Repair (%+v): ReadMono %+v, %d frames, %v", info, info2, len(got), err)
		}
		if _, err := Repair(path); err != nil {
			t.Fatalf("second Repair: %v", err)
		}
		twice, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if string(once) != string(twice) {
			t.Fatal("a second Repair changed the file")
		}
	})
}
