package audio

import (
	"math"
	"testing"
)

const testRate = 16000

// sine returns n frames of a sine at freq Hz with the given amplitude.
func sine(n int, freq, amp float64) []int16 {
	out := make([]int16, n)
	for i := range out {
		out[i] = int16(math.Round(amp * math.Sin(2*math.Pi*freq*float64(i)/testRate)))
	}
	return out
}

// constant returns n frames all equal to v.
func constant(n int, v int16) []int16 {
	out := make([]int16, n)
	for i := range out {
		out[i] = v
	}
	return out
}

func near(got, want, tol float64) bool { return math.Abs(got-want) <= tol }

func TestMeterLevels(t *testing.T) {
	tests := []struct {
		name     string
		block    []int16
		rms      float64
		peak     float64
		clipped  bool
		clips    int64
		tolerant float64
	}{
		// 1 kHz at 16 kHz: 16 samples per period, 1600 whole periods.
		// clips -1: count them with the reference countClips.
		{"full-scale sine", sine(16000, 1000, 32767), -3.0103, -0.0003, true, -1, 0.01},
		{"half-scale sine", sine(16000, 1000, 16384), -9.0309, -6.0206, false, 0, 0.01},
		{"silence", make([]int16, 1024), MinDB, MinDB, false, 0, 0},
		{"one LSB", constant(1024, 1), -90.309, -90.309, false, 0, 0.001},
		{"dc at -32768", constant(10, math.MinInt16), 0, 0, true, 10, 1e-9},
		{"dc at +32767", constant(10, math.MaxInt16), -0.000265, -0.000265, true, 10, 1e-5},
		{"quarter square", []int16{8192, -8192, 8192, -8192}, -12.0412, -12.0412, false, 0, 0.001},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := NewMeter(testRate)
			m.Process(tt.block)
			got := m.Level()
			if !near(got.RMS, tt.rms, tt.tolerant) {
				t.Errorf("RMS = %.4f dBFS, want %.4f", got.RMS, tt.rms)
			}
			if !near(got.Peak, tt.peak, tt.tolerant) {
				t.Errorf("Peak = %.4f dBFS, want %.4f", got.Peak, tt.peak)
			}
			if !near(got.Hold, tt.peak, tt.tolerant) {
				t.Errorf("Hold = %.4f dBFS, want %.4f", got.Hold, tt.peak)
			}
			wantClips := tt.clips
			if wantClips < 0 {
				wantClips = countClips(tt.block)
				if wantClips == 0 {
					t.Fatal("test signal never reaches full scale")
				}
			}
			if got.Clipped != tt.clipped || got.Clips != wantClips {
				t.Errorf("Clipped, Clips = %v, %d, want %v, %d", got.Clipped, got.Clips, tt.clipped, wantClips)
			}
		})
	}
}

// countClips is the reference clip count: samples at either extreme.
func countClips(b []int16) int64 {
	var n int64
	for _, s := range b {
		if s == 32767 || s == -32768 {
			n++
		}
	}
	return n
}

func TestMeterInitialAndEmpty(t *testing.T) {
	m := NewMeter(testRate)
	want := Level{RMS: MinDB, Peak: MinDB, Hold: MinDB}
	if got := m.Level(); got != want {
		t.Errorf("new meter Level() = %+v, want %+v", got, want)
	}
	m.Process(constant(100, 1000))
	before := m.Level()
	m.Process(nil)
	if got := m.Level(); got != before {
		t.Errorf("after empty block Level() = %+v, want unchanged %+v", got, before)
	}
	m.Reset()
	if got := m.Level(); got != want {
		t.Errorf("after Reset Level() = %+v, want %+v", got, want)
	}
}

func TestMeterHoldAndDecay(t *testing.T) {
	const block = 160 // 10 ms at 16 kHz
	half := toDB(16384)
	tests := []struct {
		name  string
		after float64 // seconds of silence after the loud block
		hold  float64
	}{
		{"just after", 0.01, half},
		{"one second", 1.0, half},
		{"end of hold", 1.5, half},
		{"100 ms into decay", 1.6, half - 2},
		{"500 ms into decay", 2.0, half - 10},
		{"two seconds into decay", 3.5, half - 40},
		{"floored", 10, MinDB},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := NewMeter(testRate)
			m.Process(constant(block, 16384))
			for i := 0; i < int(math.Round(tt.after*testRate/block)); i++ {
				m.Process(make([]int16, block))
			}
			got := m.Level()
			if !near(got.Hold, tt.hold, 1e-6) {
				t.Errorf("Hold after %.2f s = %.4f dBFS, want %.4f", tt.after, got.Hold, tt.hold)
			}
			if got.Peak != MinDB {
				t.Errorf("Peak = %.4f dBFS, want MinDB (silent block)", got.Peak)
			}
		})
	}
}

func TestMeterHoldRaisedByLouderAndNotByQuieter(t *testing.T) {
	const block = 160
	m := NewMeter(testRate)
	m.Process(constant(block, 8192)) // -12 dBFS
	for i := 0; i < 100; i++ {       // 1 s
		m.Process(make([]int16, block))
	}
	m.Process(constant(block, 4096)) // -18 dBFS: quieter, hold stays
	if got, want := m.Level().Hold, toDB(8192); !near(got, want, 1e-9) {
		t.Fatalf("Hold after quieter block = %.4f, want %.4f", got, want)
	}
	// 1.6 s after the -12 dBFS block its hold has decayed for 0.1 s: 2 dB.
	for i := 0; i < 59; i++ {
		m.Process(make([]int16, block))
	}
	if got, want := m.Level().Hold, toDB(8192)-2; !near(got, want, 1e-6) {
		t.Fatalf("Hold 1.6 s after the peak = %.4f, want %.4f", got, want)
	}
	m.Process(constant(block, 16384)) // louder: hold jumps and restarts
	if got, want := m.Level().Hold, toDB(16384); !near(got, want, 1e-9) {
		t.Fatalf("Hold after louder block = %.4f, want %.4f", got, want)
	}
	// A block above the decayed hold but below the original peak takes over.
	for i := 0; i < 250; i++ { // 2.5 s: 1 s of decay, hold at -26 dBFS
		m.Process(make([]int16, block))
	}
	m.Process(constant(block, 2048)) // -24 dBFS > -26
	if got, want := m.Level().Hold, toDB(2048); !near(got, want, 1e-9) {
		t.Fatalf("Hold after block above decayed hold = %.4f, want %.4f", got, want)
	}
}

func TestMeterClipHold(t *testing.T) {
	const block = 160
	tests := []struct {
		name    string
		after   int // silent blocks after the clipping block
		clipped bool
	}{
		{"immediately", 0, true},
		{"1 s later", 100, true},
		{"1.99 s later", 199, true},
		{"2 s later", 200, false},
		{"5 s later", 500, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := NewMeter(testRate)
			b := make([]int16, block)
			b[3], b[50], b[51] = 32767, -32768, 32766
			m.Process(b)
			for i := 0; i < tt.after; i++ {
				m.Process(make([]int16, block))
			}
			got := m.Level()
			if got.Clipped != tt.clipped {
				t.Errorf("Clipped = %v, want %v", got.Clipped, tt.clipped)
			}
			if got.Clips != 2 {
				t.Errorf("Clips = %d, want 2 (32766 is not a clip)", got.Clips)
			}
		})
	}
}

func TestMeterClipsAccumulate(t *testing.T) {
	m := NewMeter(testRate)
	for i := 0; i < 5; i++ {
		m.Process([]int16{0, 32767, -32768, 100})
	}
	if got, want := m.Level().Clips, int64(10); got != want {
		t.Errorf("Clips = %d, want %d", got, want)
	}
}

func TestMeterNonPositiveRate(t *testing.T) {
	m := NewMeter(0)
	m.Process(constant(480, 16384)) // 10 ms at 48 kHz
	for i := 0; i < 200; i++ {      // 2 s at 48 kHz
		m.Process(make([]int16, 480))
	}
	if got, want := m.Level().Hold, toDB(16384)-10; !near(got, want, 1e-6) {
		t.Errorf("Hold with rate 0 (48 kHz) = %.4f, want %.4f", got, want)
	}
}

func TestMeterProcessAllocs(t *testing.T) {
	m := NewMeter(testRate)
	block := sine(1024, 440, 20000)
	block[7] = 32767
	if n := testing.AllocsPerRun(100, func() { m.Process(block); _ = m.Level() }); n != 0 {
		t.Errorf("Process+Level allocates %.1f times per call, want 0", n)
	}
}

func BenchmarkMeterProcess1024(b *testing.B) {
	m := NewMeter(48000)
	block := sine(1024, 440, 20000)
	b.ReportAllocs()
	b.SetBytes(int64(2 * len(block)))
	for b.Loop() {
		m.Process(block)
	}
}
