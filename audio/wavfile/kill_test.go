package wavfile

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"failforward/internal/fake"
)

const (
	// recordEnv names the file TestHelperRecord records to; unset, the
	// helper test skips.
	recordEnv   = "WAVFILE_TEST_RECORD_TO"
	recordRate  = 16000
	recordBlock = 1024 // frames per Write: 64 ms at 16 kHz
)

// TestHelperRecord is not a test: TestKilledRecording runs the test binary
// again with only this test selected and recordEnv set. It records the test
// pattern in real time, one block per tick, and after each Write prints
// "frames N" with the frames written so far. It stops by itself after 30 s
// in case nobody kills it.
func TestHelperRecord(t *testing.T) {
	path := os.Getenv(recordEnv)
	if path == "" {
		t.Skip("helper process for TestKilledRecording")
	}
	w, err := Create(path, recordRate)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(2)
	}
	tick := time.NewTicker(time.Duration(recordBlock) * time.Second / recordRate)
	defer tick.Stop()
	block := make([]int16, recordBlock)
	for end := time.Now().Add(30 * time.Second); time.Now().Before(end); {
		<-tick.C
		from := w.Frames()
		for i := range block {
			block[i] = pattern(from + int64(i))
		}
		if err := w.Write(block); err != nil {
			fmt.Println("error", err)
			os.Exit(2)
		}
		fmt.Printf("frames %d\n", w.Frames())
	}
	fmt.Println("error not killed")
	os.Exit(2)
}

// report is one progress line of the helper and when it arrived.
type report struct {
	at     time.Time
	frames int64
}

// TestKilledRecording kills a recording process with SIGKILL and checks
// that sox and go-audio both read the file it leaves with all the audio up
// to at most 1 s before the kill, sample for sample.
func TestKilledRecording(t *testing.T) {
	path := filepath.Join(t.TempDir(), "killed.wav")
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperRecord$", "-test.count=1")
	cmd.Env = append(os.Environ(), recordEnv+"="+path)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}

	var (
		mu      sync.Mutex
		reports []report
		errLine string
	)
	first := make(chan struct{})
	readDone := make(chan struct{})
	go func() { // ends when the killed child's stdout closes
		defer close(readDone)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			line := sc.Text()
			mu.Lock()
			if n, ok := strings.CutPrefix(line, "frames "); ok {
				if v, err := strconv.ParseInt(n, 10, 64); err == nil {
					reports = append(reports, report{time.Now(), v})
					if len(reports) == 1 {
						close(first)
					}
				}
			} else if errLine == "" {
				errLine = line
			}
			mu.Unlock()
		}
	}()

	select {
	case <-first:
	case <-readDone:
		_ = cmd.Wait()
		t.Fatalf("helper ended before recording: %q", errLine)
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		t.Fatal("helper did not start recording within 30 s")
	}
	time.Sleep(2 * time.Second)
	killedAt := time.Now()
	if err := cmd.Process.Kill(); err != nil { // SIGKILL on Unix
		t.Fatal(err)
	}
	<-readDone
	_ = cmd.Wait()
	if cmd.ProcessState.Success() {
		t.Fatal("helper exited normally, want it killed")
	}

	mu.Lock()
	defer mu.Unlock()
	if errLine != "" {
		t.Fatalf("helper: %s", errLine)
	}
	var need, last int64 // frames reported 1 s before the kill, and at all
	for _, r := range reports {
		if !r.at.After(killedAt.Add(-time.Second)) {
			need = r.frames
		}
		last = r.frames
	}
	if need < recordRate/2 {
		t.Fatalf("helper reported only %d frames by 1 s before the kill (reports %v)", need, reports)
	}
	t.Logf("reported %d frames 1 s before the kill, %d in all", need, last)

	check := func(t *testing.T, reader string, got []int16) {
		t.Helper()
		n := int64(len(got))
		if n < need {
			t.Errorf("%s reads %d frames, want at least %d (written 1 s before the kill)", reader, n, need)
		}
		// Stronger: the header is patched before the helper reports, so
		// every reported frame is there, and at most one unreported block.
		if n < last || n > last+recordBlock {
			t.Errorf("%s reads %d frames, want %d..%d", reader, n, last, last+recordBlock)
		}
		if i := fake.FirstDiff(got, patternBlock(0, len(got))); i >= 0 {
			t.Errorf("%s: frame %d = %d, want %d", reader, i, got[i], pattern(int64(i)))
		}
	}

	raw, ch := goAudioDecode(t, path)
	if ch != 1 {
		t.Errorf("go-audio: %d channels, want 1", ch)
	}
	viaGoAudio := make([]int16, len(raw))
	for i, v := range raw {
		viaGoAudio[i] = int16(v)
	}
	check(t, "go-audio", viaGoAudio)

	ours, info, err := ReadMono(path)
	if err != nil {
		t.Fatalf("ReadMono: %v", err)
	}
	if info.SampleRate != recordRate {
		t.Errorf("rate = %d, want %d", info.SampleRate, recordRate)
	}
	check(t, "ReadMono", ours)

	t.Run("sox", func(t *testing.T) {
		if n := soxiSamples(t, path); n < need || n != int64(len(ours)) {
			t.Errorf("soxi -s = %d, want at least %d and equal to ReadMono's %d", n, need, len(ours))
		}
		check(t, "sox", soxDecode(t, path))
	})
}
