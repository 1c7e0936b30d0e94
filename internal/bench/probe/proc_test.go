package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"failforward/audio/wavfile"
)

func TestParseStatus(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		want    procMem
		wantErr bool
	}{
		{"both", "Name:\tfailforward\nVmHWM:\t  640000 kB\nVmRSS:\t  201880 kB\nThreads:\t12\n",
			procMem{rss: 201880 << 10, hwm: 640000 << 10}, false},
		{"no VmHWM", "VmRSS:\t 100 kB\n", procMem{rss: 100 << 10}, true},
		{"none (a kernel thread)", "Name:\tkworker\n", procMem{}, true},
		{"other unit", "VmHWM:\t 1 MB\nVmRSS:\t 1 MB\n", procMem{}, true},
		{"not a number", "VmHWM:\t x kB\nVmRSS:\t 1 kB\n", procMem{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseStatus(strings.NewReader(tt.text))
			if (err != nil) != tt.wantErr {
				t.Fatalf("parseStatus error = %v, want error %v", err, tt.wantErr)
			}
			if !tt.wantErr && got != tt.want {
				t.Errorf("parseStatus = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestParseStat(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		want    time.Duration
		wantErr bool
	}{
		// Fields 14 and 15 (utime 250, stime 50 ticks) after a plain name.
		{"plain", "4242 (failforward) S 1 4242 4242 0 -1 4194560 900 0 0 0 250 50 0 0 20 0 12 0 100 0 0",
			3 * time.Second, false},
		// A name with a space and a parenthesis must not shift the fields.
		{"odd name", "7 (my (app) x) R 1 7 7 0 -1 0 0 0 0 0 1 2 0 0 20 0 1 0 5 0 0",
			30 * time.Millisecond, false},
		{"no name", "7 R 1 7", 0, true},
		{"short", "7 (a) R 1 7 7", 0, true},
		{"not a number", "7 (a) R 1 7 7 0 -1 0 0 0 0 0 x 2 0", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseStat(tt.text)
			if (err != nil) != tt.wantErr {
				t.Fatalf("parseStat error = %v, want error %v", err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("parseStat = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestProcSelf reads this process's own figures: the resident set must be
// some megabytes and grow when memory is touched.
func TestProcSelf(t *testing.T) {
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("no /proc on this system")
	}
	before, err := procRSS(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	big := bytes.Repeat([]byte{1}, 32<<20)
	after, err := procRSS(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if got := after.rss - before.rss; got < 30<<20 {
		t.Errorf("resident set grew by %.1f MB after filling 32 MB, want at least 30 MB", mb(got))
	}
	if after.hwm < after.rss {
		t.Errorf("VmHWM %.1f MB is below VmRSS %.1f MB", mb(after.hwm), mb(after.rss))
	}
	if _, err := procCPU(os.Getpid()); err != nil {
		t.Errorf("procCPU: %v", err)
	}
	_ = big[len(big)-1]
}

func TestRunUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string
	}{
		{nil, 2, "usage:"},
		{[]string{"bogus"}, 2, `unknown command "bogus"`},
		{[]string{"open"}, 1, "give one WAV file"},
		{[]string{"window"}, 1, "give the app's command line after --"},
		{[]string{"review", "--", "app"}, 1, "-library"},
	}
	for _, tt := range tests {
		var out, errOut bytes.Buffer
		if got := run(tt.args, &out, &errOut); got != tt.code || !strings.Contains(errOut.String(), tt.want) {
			t.Errorf("run(%q) = %d, stderr %q; want %d and %q", tt.args, got, errOut.String(), tt.code, tt.want)
		}
	}
}

// TestOpenTake opens a short take and checks the figures it prints.
func TestOpenTake(t *testing.T) {
	path := filepath.Join(t.TempDir(), "answer.wav")
	w, err := wavfile.Create(path, 16000)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(make([]int16, 24000)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if code := run([]string{"open", path}, &out, &errOut); code != 0 {
		t.Fatalf("probe open = %d: %s", code, errOut.String())
	}
	line := out.String()
	for _, want := range []string{"frames=24000 ", "audio_seconds=1.5 ", "seconds=", "rss_mb="} {
		if !strings.Contains(line, want) {
			t.Errorf("probe open printed %q, want it to contain %q", line, want)
		}
	}
}

func TestMapNotifyWindow(t *testing.T) {
	tests := []struct {
		line   string
		want   string
		wantOK bool
	}{
		{"    event 0x50d, window 0x400020, override NO", "4194336", true},
		{"    event 0x50d, window 0x1A, override YES", "26", true},
		{"    parent 0x50d, window 0x400001, (0,0), width 1, height 1", "4194305", true},
		{"border_width 0, override NO", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := mapNotifyWindow(tt.line)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("mapNotifyWindow(%q) = %q, %v; want %q, %v", tt.line, got, ok, tt.want, tt.wantOK)
		}
	}
}
