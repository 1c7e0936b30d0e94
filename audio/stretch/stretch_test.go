package stretch

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"failforward/internal/fake"
)

// reference is WSOLA written out plainly on a whole buffer, with the same
// parameters and the same choices as Stretcher: the streaming code must
// give exactly its output, however the input is cut up.
func reference(in []int16, rate int, speed float64) []int16 {
	n := 2 * int(math.Round(FrameLen*float64(rate)/2))
	hop := n / 2
	seek := int(math.Round(Seek * float64(rate)))
	win := make([]float64, n)
	for i := range hop {
		win[i] = 0.5 - 0.5*math.Cos(2*math.Pi*float64(i)/float64(n))
		win[i+hop] = 1 - win[i]
	}
	target := int(math.Round(float64(len(in)) / speed))
	frames := (target+hop+hop-1)/hop + 1
	// The input with hop zeros before it and zeros after it.
	x := make([]float64, hop+len(in)+int(float64(frames*hop)*speed)+n+seek+hop)
	for i, v := range in {
		x[hop+i] = float64(v)
	}
	out := make([]float64, (frames+2)*hop)
	pos, prev := 0.0, -1
	for k := 0; k*hop < target+hop; k++ {
		nominal := int(math.Round(pos))
		start := nominal
		if prev >= 0 {
			lo, hi := max(nominal-seek, 0), nominal+seek
			bestScore := math.Inf(-1)
			for _, d := range searchOrder(seek) {
				a := nominal + d
				if a < lo || a > hi {
					continue
				}
				var cc, en float64
				for i := range hop {
					cc += x[prev+hop+i] * x[a+i]
					en += x[a+i] * x[a+i]
				}
				score := 0.0
				if en > 0 {
					score = cc * math.Abs(cc) / en
				}
				if score > bestScore {
					start, bestScore = a, score
				}
			}
		}
		for i := range n {
			out[k*hop+i] += win[i] * x[start+i]
		}
		prev = start
		pos += float64(hop) * speed
	}
	res := make([]int16, target)
	for i := range res {
		res[i] = toInt16(out[hop+i])
	}
	return res
}

// searchOrder is 0, -1, 1, -2, 2, ... up to ±seek.
func searchOrder(seek int) []int {
	d := []int{0}
	for s := 1; s <= seek; s++ {
		d = append(d, -s, s)
	}
	return d
}

// speechLike is a voice-like test signal: a harmonic tone whose pitch
// glides between 90 and 220 Hz, with a syllable rhythm, a little noise
// and pauses.
func speechLike(rate int, seconds float64, seed uint64) []int16 {
	rng := rand.New(rand.NewPCG(seed, 1))
	out := make([]int16, int(seconds*float64(rate)))
	phase := 0.0
	for i := range out {
		t := float64(i) / float64(rate)
		f0 := 155 + 65*math.Sin(2*math.Pi*0.7*t)
		phase += 2 * math.Pi * f0 / float64(rate)
		env := math.Max(0, math.Sin(2*math.Pi*2.5*t)) // syllables and gaps
		v := 0.0
		for h := 1; h <= 8; h++ {
			v += math.Sin(float64(h)*phase) / float64(h)
		}
		out[i] = int16(env*6000*v + rng.NormFloat64()*50)
	}
	return out
}

func sine(rate int, freq, amp, seconds float64) []int16 {
	out := make([]int16, int(seconds*float64(rate)))
	for i := range out {
		out[i] = int16(math.Round(amp * math.Sin(2*math.Pi*freq*float64(i)/float64(rate))))
	}
	return out
}

// streamed runs in through a Stretcher in chunks of the given size.
func streamed(t testing.TB, s *Stretcher, in []int16, chunk int) []int16 {
	t.Helper()
	var out []int16
	for len(in) > 0 {
		c := min(chunk, len(in))
		out = s.Process(out, in[:c])
		in = in[c:]
	}
	return s.Flush(out)
}

func TestMatchesReference(t *testing.T) {
	// 48 kHz costs nine times what 16 kHz does: a shorter signal, fewer
	// ways of cutting it.
	for _, tt := range []struct {
		rate    int
		seconds float64
		chunks  []int
	}{
		{16000, 1.3, []int{1, 7, 256, 4096, 1 << 30}},
		{48000, 0.4, []int{7, 4096}},
	} {
		rate := tt.rate
		in := speechLike(rate, tt.seconds, 1)
		for _, speed := range []float64{MinSpeed, 0.75, 1, 1.1, 1.25, 1.5, MaxSpeed} {
			want := reference(in, rate, speed)
			s, err := New(rate, speed)
			if err != nil {
				t.Fatal(err)
			}
			for _, chunk := range tt.chunks {
				got := streamed(t, s, in, chunk)
				if i := fake.FirstDiff(got, want); i >= 0 {
					t.Errorf("%d Hz, speed %v, chunks of %d: output differs from the reference at sample %d of %d/%d",
						rate, speed, chunk, i, len(got), len(want))
				}
			}
			// The whole-buffer function is the same thing.
			if got, err := Stretch(in, rate, speed); err != nil || fake.FirstDiff(got, want) >= 0 {
				t.Errorf("%d Hz, speed %v: Stretch differs from the reference (%v)", rate, speed, err)
			}
		}
	}
}

func TestSpeedOneIsIdentity(t *testing.T) {
	for _, rate := range []int{8000, 44100, 48000} {
		for _, in := range [][]int16{speechLike(rate, 1, 2), sine(rate, 440, 30000, 0.5), {1, -2, 3}, nil} {
			got, err := Stretch(in, rate, 1)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, in) {
				t.Errorf("%d Hz, %d samples: speed 1 changed the audio (first difference at %d)", rate, len(in), fake.FirstDiff(got, in))
			}
		}
	}
}

// zeroCrossFreq measures a tone's frequency from the sign changes of x,
// placing each crossing between samples by linear interpolation.
func zeroCrossFreq(x []int16, rate int) float64 {
	var first, last float64
	n := 0
	for i := 1; i < len(x); i++ {
		a, b := float64(x[i-1]), float64(x[i])
		if (a < 0) != (b < 0) {
			t := float64(i-1) + a/(a-b)
			if n == 0 {
				first = t
			}
			last = t
			n++
		}
	}
	if n < 3 {
		return 0
	}
	return float64(n-1) / 2 / ((last - first) / float64(rate))
}

func maxJump(x []int16) float64 {
	m := 0.0
	for i := 1; i < len(x); i++ {
		m = max(m, math.Abs(float64(x[i])-float64(x[i-1])))
	}
	return m
}

// TestTone stretches pure tones: the output has the right length, the same
// frequency, no clicks and no dips in level.
func TestTone(t *testing.T) {
	const amp = 12000
	for _, tt := range []struct {
		rate  int
		freqs []float64
	}{
		{16000, []float64{110, 440, 1000}},
		{48000, []float64{110, 1000}},
	} {
		rate := tt.rate
		for _, freq := range tt.freqs {
			in := sine(rate, freq, amp, 1)
			inJump := maxJump(in)
			for _, speed := range []float64{MinSpeed, 0.75, 1, 1.25, 1.5, MaxSpeed} {
				name := fmt.Sprintf("%d Hz rate, %v Hz tone, speed %v", rate, freq, speed)
				out, err := Stretch(in, rate, speed)
				if err != nil {
					t.Fatal(err)
				}
				wantLen := float64(len(in)) / speed
				if math.Abs(float64(len(out))-wantLen) > 0.01*wantLen {
					t.Errorf("%s: %d samples, want %.0f within 1%%", name, len(out), wantLen)
				}
				// Measure away from the ends.
				mid := out[len(out)/10 : len(out)*9/10]
				if f := zeroCrossFreq(mid, rate); math.Abs(f-freq) > 0.01*freq {
					t.Errorf("%s: frequency %.2f Hz, want %v within 1%%", name, f, freq)
				}
				if j := maxJump(out); j > inJump*1.05+2 {
					t.Errorf("%s: largest step between samples %v, the tone's is %v: a click", name, j, inJump)
				}
				// Every period reaches nearly full level.
				period := int(float64(rate) / freq)
				for i := 0; i+period <= len(mid); i += period {
					peak := 0.0
					for _, v := range mid[i : i+period] {
						peak = max(peak, math.Abs(float64(v)))
					}
					if peak < 0.9*amp {
						t.Errorf("%s: level dips to %.0f of %d at sample %d", name, peak, amp, len(out)/10+i)
						break
					}
				}
			}
		}
	}
}

// TestTiming checks that events keep their place in time: a burst at t
// seconds comes out at t/speed, give or take a frame.
func TestTiming(t *testing.T) {
	const rate = 16000
	in := make([]int16, 4*rate)
	onsets := []float64{0.5, 1.5, 2.5, 3.5}
	for _, on := range onsets {
		burst := sine(rate, 300, 10000, 0.2)
		copy(in[int(on*rate):], burst)
	}
	for _, speed := range []float64{0.75, 1.25, 1.5} {
		out, err := Stretch(in, rate, speed)
		if err != nil {
			t.Fatal(err)
		}
		var got []float64
		quiet := 0
		for i, v := range out {
			if math.Abs(float64(v)) > 3000 {
				if quiet > rate/10 {
					got = append(got, float64(i)/rate)
				}
				quiet = 0
			} else {
				quiet++
			}
		}
		if len(got) != len(onsets) {
			t.Errorf("speed %v: %d bursts at %v, want %d", speed, len(got), got, len(onsets))
			continue
		}
		for i, on := range onsets {
			if want := on / speed; math.Abs(got[i]-want) > FrameLen+Seek {
				t.Errorf("speed %v: burst %d at %.3f s, want %.3f s", speed, i+1, got[i], want)
			}
		}
	}
}

func TestStreamControl(t *testing.T) {
	const rate = 16000
	in := speechLike(rate, 1, 3)
	s, err := New(rate, 1.25)
	if err != nil {
		t.Fatal(err)
	}
	if s.Speed() != 1.25 || s.Latency() <= 0 {
		t.Errorf("Speed %v, Latency %d", s.Speed(), s.Latency())
	}
	first := streamed(t, s, in, 1000)
	// Flush resets: the same input gives the same output.
	if again := streamed(t, s, in, 333); fake.FirstDiff(again, first) >= 0 {
		t.Error("a second stream after Flush differs from the first")
	}
	// Reset drops a half-fed stream.
	s.Process(nil, in[:5000])
	s.Reset()
	if again := streamed(t, s, in, 1000); fake.FirstDiff(again, first) >= 0 {
		t.Error("after Reset the stream differs from a fresh one")
	}
	// Output arrives while input does, within the latency.
	var out []int16
	for i := 0; i < len(in); i += 160 {
		out = s.Process(out, in[i:min(i+160, len(in))])
		if lag := float64(i+160)/1.25 - float64(len(out)); lag > float64(s.Latency()) {
			t.Fatalf("after %d samples in, %d out: lags %.0f, more than the latency %d", i+160, len(out), lag, s.Latency())
		}
	}
	s.Flush(nil)
	// Changing speed half way: the length adds up, with no click.
	tone := sine(rate, 440, 10000, 2)
	var mixed []int16
	mixed = s.Process(mixed, tone[:rate])
	if err := s.SetSpeed(0.75); err != nil {
		t.Fatal(err)
	}
	mixed = s.Process(mixed, tone[rate:])
	mixed = s.Flush(mixed)
	want := float64(rate)/1.25 + float64(rate)/0.75
	if math.Abs(float64(len(mixed))-want) > 0.01*want {
		t.Errorf("speed change: %d samples, want about %.0f", len(mixed), want)
	}
	if j, in := maxJump(mixed), maxJump(tone); j > in*1.05+2 {
		t.Errorf("speed change: step %v, tone's %v: a click", j, in)
	}
	// An empty stream gives nothing.
	if got := s.Flush(nil); len(got) != 0 {
		t.Errorf("Flush of an empty stream = %d samples", len(got))
	}
}

func TestBadArguments(t *testing.T) {
	for _, tt := range []struct {
		rate  int
		speed float64
		want  string
	}{
		{48000, 0.4, "speed 0.4 is outside 0.5 to 2"},
		{48000, 2.5, "outside"},
		{48000, math.NaN(), "outside"},
		{0, 1, "sample rate 0 Hz"},
		{500, 1, "sample rate 500 Hz"},
	} {
		_, err := New(tt.rate, tt.speed)
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "stretch: ") {
			t.Errorf("New(%d, %v) error = %v, want %q", tt.rate, tt.speed, err, tt.want)
		}
		if _, err := Stretch([]int16{1}, tt.rate, tt.speed); err == nil {
			t.Errorf("Stretch(_, %d, %v) succeeded", tt.rate, tt.speed)
		}
	}
	s, _ := New(48000, 1)
	if err := s.SetSpeed(3); err == nil || s.Speed() != 1 {
		t.Errorf("SetSpeed(3) = %v, speed now %v", err, s.Speed())
	}
}

func TestClipping(t *testing.T) {
	// Full-scale square waves must not wrap around.
	const rate = 16000
	in := make([]int16, rate)
	for i := range in {
		in[i] = math.MaxInt16
		if i/40%2 == 1 {
			in[i] = math.MinInt16
		}
	}
	out, err := Stretch(in, rate, 0.75)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(out)-1; i++ {
		if out[i] > 0 && out[i-1] < -30000 && out[i+1] < -30000 {
			t.Fatalf("sample %d = %d between two large negatives: wrapped", i, out[i])
		}
	}
}

// BenchmarkStretch measures 10 s of 48 kHz speech at 1.25x; realtime is
// seconds of audio processed per second of CPU.
func BenchmarkStretch(b *testing.B) {
	const rate, secs = 48000, 10
	in := speechLike(rate, secs, 4)
	s, _ := New(rate, 1.25)
	out := make([]int16, 0, len(in))
	b.ResetTimer()
	for range b.N {
		out = out[:0]
		for i := 0; i < len(in); i += 1024 {
			out = s.Process(out, in[i:min(i+1024, len(in))])
		}
		out = s.Flush(out)
	}
	b.ReportMetric(secs*float64(b.N)/b.Elapsed().Seconds(), "realtime")
}
