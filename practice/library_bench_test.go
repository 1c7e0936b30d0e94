package practice

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// tinyWAV returns a 16-bit mono WAV header followed by n silent samples.
func tinyWAV(rate, n int) []byte {
	b := make([]byte, 44+2*n)
	copy(b, "RIFF")
	binary.LittleEndian.PutUint32(b[4:], uint32(36+2*n))
	copy(b[8:], "WAVEfmt ")
	binary.LittleEndian.PutUint32(b[16:], 16)
	binary.LittleEndian.PutUint16(b[20:], 1) // PCM
	binary.LittleEndian.PutUint16(b[22:], 1) // mono
	binary.LittleEndian.PutUint32(b[24:], uint32(rate))
	binary.LittleEndian.PutUint32(b[28:], uint32(2*rate))
	binary.LittleEndian.PutUint16(b[32:], 2)
	binary.LittleEndian.PutUint16(b[34:], 16)
	copy(b[36:], "data")
	binary.LittleEndian.PutUint32(b[40:], uint32(2*n))
	return b
}

// benchLibrary makes a library of n realistic takes: take.json with five
// parts, a self-review and a story link, and a tiny answer.wav each.
func benchLibrary(b *testing.B, n int) *Library {
	b.Helper()
	l, err := Open(filepath.Join(b.TempDir(), "lib"))
	if err != nil {
		b.Fatal(err)
	}
	qs := Questions()
	wav := tinyWAV(16000, 160)
	t0 := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	for i := range n {
		q := qs[i%len(qs)]
		tk, dir, err := l.NewTake(q, t0.Add(time.Duration(i)*17*time.Minute))
		if err != nil {
			b.Fatal(err)
		}
		tk.Duration = 95.25
		tk.SampleRate = 48000
		tk.Device = "USB microphone"
		tk.ThinkS, tk.LimitS, tk.Strict = 30, 120, true
		tk.Stopped = "user"
		tk.StartDelayMS = 12.5
		tk.Parts = []Part{
			{Kind: Situation, Start: 0, End: 14.2},
			{Kind: Task, Start: 14.2, End: 22.9},
			{Kind: Action, Start: 22.9, End: 58.4},
			{Kind: Result, Start: 58.4, End: 71},
			{Kind: Lesson, Start: 71, End: 95.25},
		}
		tk.Review = SelfReview{
			Checked: map[Check]bool{CheckTrue: true, CheckWork: true, CheckOwned: true, CheckLesson: i%2 == 0},
			Rating:  1 + i%5,
			Notes:   fmt.Sprintf("Take %d: shorter setup, and end on the lesson.", i),
			Updated: tk.Started.Add(10 * time.Minute),
		}
		tk.StoryID = fmt.Sprintf("s%03d", i%7)
		if err := l.Save(tk); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, AudioName), wav, 0o600); err != nil {
			b.Fatal(err)
		}
	}
	return l
}

// BenchmarkList1000 times List on a library of 1,000 takes. It reports the
// time per take besides the time per List.
func BenchmarkList1000(b *testing.B) {
	const n = 1000
	l := benchLibrary(b, n)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		takes, err := l.List()
		if err != nil {
			b.Fatal(err)
		}
		if len(takes) != n || takes[0].Status != OK {
			b.Fatalf("List = %d takes, first %v; want %d OK", len(takes), takes[0].Status, n)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/take")
}

// BenchmarkReadSidecars1000 is List's floor on the same library: read
// the folder and every take.json, decode nothing. List's time over this
// one is what decoding and checking cost.
func BenchmarkReadSidecars1000(b *testing.B) {
	const n = 1000
	l := benchLibrary(b, n)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		entries, err := os.ReadDir(l.Dir)
		if err != nil {
			b.Fatal(err)
		}
		read := 0
		for _, e := range entries {
			if _, err := os.ReadFile(filepath.Join(l.Dir, e.Name(), SidecarName)); err == nil {
				read++
			}
		}
		if read != n {
			b.Fatalf("read %d sidecars, want %d", read, n)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/take")
}
