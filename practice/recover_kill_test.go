package practice_test

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"failforward/audio/recorder"
	"failforward/audio/wavfile"
	"failforward/internal/fake"
	"failforward/practice"
)

const (
	// killLibEnv names the library TestHelperRecordTake records into;
	// unset, the helper skips.
	killLibEnv = "PRACTICE_TEST_RECORD_LIB"
	killRate   = 16000
	killBlock  = 320 // frames per block: 20 ms
	killRuns   = 20
	killAtMin  = 300 * time.Millisecond
	killAtMax  = 3 * time.Second
	markEvery  = 300 * time.Millisecond // a part tagged this often
	reportTick = 10 * time.Millisecond
)

// pattern is the input signal: a hash of the frame index, so a lost,
// repeated or reordered block shows.
func pattern(i int64) int16 { return int16(uint32(i) * 2654435761 >> 16) }

// TestHelperRecordTake is not a test: TestKilledTakesRecover runs the test
// binary again with only this test selected and killLibEnv set. It does
// what the app does during a take: it locks the library, saves take.json
// as recording, records from a paced source through the recorder, and tags
// a part every markEvery, saving take.json each time. It reports on
// standard output:
//
//	take ID            once recording has started
//	frames N D         frames on disk (header patched), blocks dropped
//	part KIND START    after the take.json holding that part was saved
//
// It stops by itself after a minute in case nobody kills it.
func TestHelperRecordTake(t *testing.T) {
	dir := os.Getenv(killLibEnv)
	if dir == "" {
		t.Skip("helper process for TestKilledTakesRecover")
	}
	fail := func(err error) {
		fmt.Println("error", err)
		os.Exit(2)
	}
	lib, err := practice.Open(dir)
	if err != nil {
		fail(err)
	}
	if _, err := practice.Lock(dir); err != nil {
		fail(err)
	}
	samples := make([]int16, killRate*70)
	for i := range samples {
		samples[i] = pattern(int64(i))
	}
	src := fake.NewSourceConfig(fake.SourceConfig{Samples: samples, Rate: killRate, BlockFrames: killBlock, Paced: true, Pool: 64})
	rec := recorder.New(src)
	tk, _, err := lib.NewTake(practice.Questions()[0], time.Now())
	if err != nil {
		fail(err)
	}
	tk.SampleRate = killRate
	if err := lib.SaveRecording(tk); err != nil {
		fail(err)
	}
	if err := rec.Arm(lib.AudioPath(tk.ID)); err != nil {
		fail(err)
	}
	fmt.Println("take", tk.ID)
	parts, err := practice.NewParts(0, nil)
	if err != nil {
		fail(err)
	}
	w := bufio.NewWriter(os.Stdout)
	tick := time.NewTicker(reportTick)
	nextMark := time.Now().Add(markEvery)
	for end := time.Now().Add(time.Minute); time.Now().Before(end); {
		<-tick.C
		s := rec.Snapshot()
		if s.Err != nil {
			fail(s.Err)
		}
		fmt.Fprintf(w, "frames %d %d\n", s.Frames, s.Dropped)
		if time.Now().After(nextMark) {
			nextMark = nextMark.Add(markEvery)
			at := float64(s.Frames) / killRate
			k := practice.Kinds()[parts.Len()%len(practice.Kinds())]
			if err := parts.SetDuration(at); err != nil {
				fail(err)
			}
			if _, err := parts.MarkStart(k, at); err != nil {
				fail(err)
			}
			tk.Duration, tk.Parts = at, parts.List()
			if err := lib.SaveRecording(tk); err != nil {
				fail(err)
			}
			fmt.Fprintf(w, "part %s %.3f\n", k, at)
		}
		w.Flush()
	}
	fail(fmt.Errorf("not killed"))
}

// progress is what the killed helper reported, with arrival times.
type progress struct {
	id     string
	frames []stamped // frames on disk
	parts  []practice.Part
	errs   []string
}

type stamped struct {
	at     time.Time
	frames int64
	drops  int64
}

// recordAndKill runs the helper on a library in dir and kills it with
// SIGKILL wait after recording started. It returns what the helper
// reported and when it was killed.
func recordAndKill(t *testing.T, dir string, wait time.Duration) (progress, time.Time) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperRecordTake$", "-test.count=1")
	cmd.Env = append(os.Environ(), killLibEnv+"="+dir)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var (
		mu sync.Mutex
		p  progress
	)
	started := make(chan struct{})
	done := make(chan struct{})
	go func() { // ends when the killed child's stdout closes
		defer close(done)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			f := strings.Fields(sc.Text())
			now := time.Now()
			mu.Lock()
			switch {
			case len(f) == 2 && f[0] == "take":
				p.id = f[1]
				close(started)
			case len(f) == 3 && f[0] == "frames":
				n, err1 := strconv.ParseInt(f[1], 10, 64)
				d, err2 := strconv.ParseInt(f[2], 10, 64)
				if err1 == nil && err2 == nil {
					p.frames = append(p.frames, stamped{now, n, d})
				}
			case len(f) == 3 && f[0] == "part":
				k, err1 := practice.ParseKind(f[1])
				at, err2 := strconv.ParseFloat(f[2], 64)
				if err1 == nil && err2 == nil {
					p.parts = append(p.parts, practice.Part{Kind: k, Start: at})
				}
			default:
				p.errs = append(p.errs, sc.Text())
			}
			mu.Unlock()
		}
	}()
	select {
	case <-started:
	case <-done:
		_ = cmd.Wait()
		t.Fatalf("helper ended before recording: %v", p.errs)
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		t.Fatal("helper did not start recording within 30 s")
	}
	time.Sleep(wait)
	killed := time.Now()
	if err := cmd.Process.Kill(); err != nil { // SIGKILL on Unix
		t.Fatal(err)
	}
	<-done
	_ = cmd.Wait()
	mu.Lock()
	defer mu.Unlock()
	if len(p.errs) > 0 {
		t.Fatalf("helper: %v", p.errs)
	}
	return p, killed
}

// TestKilledTakesRecover kills a recording process with SIGKILL at
// killRuns random moments. Each time the next start must find the take
// unfinished, despite the dead process's lock, and Recover must give a
// file that holds all the audio written up to 1 s before the kill (in
// fact everything the process had reported written), unbroken, that sox
// reads the same, with every part whose save had finished.
func TestKilledTakesRecover(t *testing.T) {
	sox, soxErr := exec.LookPath("sox")
	if soxErr != nil && os.Getenv("FF_REQUIRE_TOOLS") != "" {
		t.Fatalf("sox not found and FF_REQUIRE_TOOLS is set: %v", soxErr)
	}
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("PRACTICE_TEST_KILL_SEED"); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	t.Logf("kill moments from seed %d (set PRACTICE_TEST_KILL_SEED to repeat)", seed)
	rnd := rand.New(rand.NewPCG(seed, 1))
	waits := make([]time.Duration, killRuns)
	for i := range waits {
		waits[i] = killAtMin + time.Duration(rnd.Int64N(int64(killAtMax-killAtMin)))
	}
	// Four at a time: the helpers mostly sleep.
	slots := make(chan struct{}, 4)
	t.Run("group", func(t *testing.T) {
		for i, wait := range waits {
			t.Run(fmt.Sprintf("kill%02d_after_%dms", i, wait.Milliseconds()), func(t *testing.T) {
				t.Parallel()
				slots <- struct{}{}
				defer func() { <-slots }()
				checkKilledTake(t, wait, sox)
			})
		}
	})
	if soxErr != nil {
		t.Log("sox not installed: files were not checked with sox")
	}
}

func checkKilledTake(t *testing.T, wait time.Duration, sox string) {
	dir := filepath.Join(t.TempDir(), "lib")
	p, killed := recordAndKill(t, dir, wait)

	lock, err := practice.Lock(dir)
	if err != nil {
		t.Fatalf("the killed process's lock blocks the next start: %v", err)
	}
	defer lock.Unlock()
	lib, err := practice.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	un, err := lib.Unfinished()
	if err != nil {
		t.Fatal(err)
	}
	if len(un) != 1 || un[0].Take.ID != p.id || !un[0].Sidecar {
		t.Fatalf("Unfinished = %+v, want take %s with its take.json", un, p.id)
	}
	tk, err := lib.Recover(p.id, wavfile.RepairTake)
	if err != nil {
		t.Fatalf("Recover: %v", err)
	}

	// Audio: everything reported written, and so everything written 1 s
	// before the kill.
	var before, last, drops int64
	for _, s := range p.frames {
		if !s.at.After(killed.Add(-time.Second)) {
			before = s.frames
		}
		last, drops = s.frames, s.drops
	}
	got, info, err := wavfile.ReadMono(lib.AudioPath(p.id))
	if err != nil {
		t.Fatalf("reading the recovered take: %v", err)
	}
	n := int64(len(got))
	t.Logf("killed after %v: %d frames written 1 s before, %d reported, %d recovered, %d parts",
		wait, before, last, n, len(tk.Parts))
	if n < before || n < last {
		t.Errorf("recovered %d frames, want at least %d (written 1 s before the kill) and %d (reported written)", n, before, last)
	}
	if info.SampleRate != killRate || tk.SampleRate != killRate || tk.Duration != float64(n)/killRate {
		t.Errorf("recovered %d Hz (take.json %d Hz, %.3f s), want %d Hz and %.3f s", info.SampleRate, tk.SampleRate, tk.Duration, killRate, float64(n)/killRate)
	}
	checkBlocks(t, got, drops == 0)

	// Parts: every part whose save had finished, as it was tagged; at most
	// one more whose save finished unreported.
	if len(tk.Parts) < len(p.parts) || len(tk.Parts) > len(p.parts)+1 {
		t.Errorf("recovered %d parts, want %d (or one more)", len(tk.Parts), len(p.parts))
	}
	for i := range min(len(p.parts), len(tk.Parts)) {
		if g, w := tk.Parts[i], p.parts[i]; g.Kind != w.Kind || math.Abs(g.Start-w.Start) > 0.0005 {
			t.Errorf("part %d = %v from %.3f s, want %v from %.3f s", i+1, g.Kind, g.Start, w.Kind, w.Start)
		}
	}
	if len(tk.Parts) > 0 && tk.Parts[len(tk.Parts)-1].End != tk.Duration {
		t.Errorf("the last part ends at %.3f s, want the end of the take (%.3f s)", tk.Parts[len(tk.Parts)-1].End, tk.Duration)
	}
	if err := practice.CheckParts(tk.Parts, tk.Duration); err != nil {
		t.Error(err)
	}

	if sox == "" {
		return
	}
	var stderr bytes.Buffer
	cmd := exec.Command(sox, "-D", "-V1", lib.AudioPath(p.id), "-t", "raw", "-e", "signed-integer", "-b", "16", "-c", "1", "-L", "-")
	cmd.Stderr = &stderr
	raw, err := cmd.Output()
	if err != nil {
		t.Fatalf("sox cannot read the recovered take: %v\n%s", err, stderr.String())
	}
	if len(raw) != 2*len(got) {
		t.Fatalf("sox reads %d frames, ReadMono %d", len(raw)/2, len(got))
	}
	for i := range got {
		if v := int16(binary.LittleEndian.Uint16(raw[2*i:])); v != got[i] {
			t.Fatalf("sox reads frame %d as %d, ReadMono as %d", i, v, got[i])
		}
	}
}

// checkBlocks checks that the take is whole blocks of the input in order:
// one unbroken run when nothing was dropped, and with gaps only between
// blocks when the source reported drops.
func checkBlocks(t *testing.T, got []int16, unbroken bool) {
	t.Helper()
	if len(got)%killBlock != 0 {
		t.Errorf("take of %d frames is not whole blocks of %d", len(got), killBlock)
	}
	var first, prev int64 = -1, -1
	for b := 0; b+killBlock <= len(got); b += killBlock {
		blk := got[b : b+killBlock]
		// The block's index in the input, found from its first frames.
		idx := int64(-1)
		for k := prev + 1; k < prev+1+int64(killRate*70/killBlock); k++ {
			if blk[0] == pattern(k*killBlock) && blk[1] == pattern(k*killBlock+1) && blk[2] == pattern(k*killBlock+2) {
				idx = k
				break
			}
		}
		if idx < 0 {
			t.Fatalf("frames %d..%d are not a block of the input", b, b+killBlock)
		}
		for i, v := range blk {
			if v != pattern(idx*killBlock+int64(i)) {
				t.Fatalf("frame %d differs from the input", b+i)
			}
		}
		if first < 0 {
			first = idx
		}
		if unbroken && idx != first+int64(b/killBlock) {
			t.Fatalf("block at frame %d is input block %d, want %d: a gap with no drop reported", b, idx, first+int64(b/killBlock))
		}
		prev = idx
	}
}
