package analysis

import (
	"cmp"
	"math"
	"slices"
)

// Tuning of speech detection.
const (
	// speechLow is the lowest frequency, Hz, of the level that tells speech
	// from silence: above the rumble of rooms, traffic and handling and
	// the hum of mains (50/60 Hz). Above it the whole band counts, so the
	// hiss of a word's last consonant keeps the word going.
	speechLow = 100.0
	// speechHigh bounds the vowel band (speechLow to speechHigh Hz) whose
	// intensity gives the syllable nuclei: inside what a telephone or a
	// radio link passes, so every recording is judged on the same band.
	speechHigh = 1500.0
	// floorWindow is how far (in frames, either side) the noise floor looks
	// for the quietest stretch: ±5 s. It follows a change of background
	// noise within that time, and needs a quiet moment in any 10 s.
	floorWindow = 5 * frameRate
	// chunk is the number of frames summarised by one percentile (1 s).
	chunk = frameRate
	// floorMargin is how far above the noise floor speech must rise, dB.
	floorMargin = 7.5
	// speechRange is how far below the loud parts of speech the threshold
	// may go when the noise floor is far lower, dB.
	speechRange = 30.0
	// voicedAper is the largest YIN aperiodicity of a voiced frame.
	voicedAper = 0.3
	// minVoicedFrames is how many voiced frames a burst of sound needs to
	// count as speech rather than a breath or a click.
	minVoicedFrames = 3
	// minSpeechFrames is the shortest burst of sound counted as speech.
	minSpeechFrames = 5
	// voiceWindow is how far, in seconds either side, the speaker's own
	// level is taken from when a burst of sound is judged (±30 s).
	voiceWindow = 30
	// minLone and loneGap: a stretch of speech shorter than minLone frames
	// with more than loneGap frames of silence on both sides is dropped.
	minLone, loneGap = 40, 200
	// consonantGap is how far, in frames, an unvoiced burst (a consonant)
	// may lie from the voice of its word (200 ms): farther, it is noise.
	consonantGap = 20
	// minGap is the shortest silence inside speech, in frames, left out
	// of the speaking time (200 ms: longer than a stop's closure).
	minGap = 20
	// burstRange is how far under the loud parts of the speech around a
	// burst's loudest frame may be for its voice to count, dB.
	burstRange = 25.0
	// weakMargin is how far above the noise floor a periodic frame must
	// be to count as sounding, dB.
	weakMargin = 4.0
	// holdSpan: a weak voice is judged on the median of its level and its
	// mean spectrum over ±holdSpan frames (110 ms).
	holdSpan = 5
	// holdDB is how far under the threshold, dB, the level of a held voice
	// may sink (the threshold stands floorMargin over the floor, or, under
	// a loud voice, speechRange under it, where a room's reverberation
	// tails off far above the floor).
	holdDB = 6.0
	// holdMargin is how far, dB, a held voice must rise over the level the
	// background itself reaches three times in four, judged the same way
	// deep inside the silences (holdFar frames and more from any sound).
	holdMargin, holdFar = 1.5, 20
	// holdShape is how far the mean spectral shape of a held voice must lie
	// from the background's (the mean over the quiet frames, those within
	// holdQuiet dB of the floor).
	holdShape, holdQuiet = 0.2, 3.0
	// holdGap is the longest dip, in frames, a held voice is followed
	// across (100 ms).
	holdGap = 10
	// fadeMargin is how far under the take's typical noise floor, dB, the
	// level at its start or end must lie to count as the recorder's
	// fade-in or fade-out rather than its background.
	fadeMargin = 3.0
	// fadeRun is how many frames in a row the background must hold
	// (50 ms) to end a fade-in.
	fadeRun = 5
	// fadeDepth and fadeRamp: a fade spends at least fadeRamp frames
	// (100 ms) within fadeDepth dB under the background on its way.
	fadeDepth, fadeRamp = 15.0, 10
	// creakAper is the largest aperiodicity of a quasi-periodic frame:
	// creak and breathy voice are far less regular than modal voice.
	creakAper = 0.5
)

// frames holds the per-frame figures of a take.
type frames struct {
	level     []float32 // full-band level, dBFS
	clips     []int32   // clipped samples
	intensity []float32 // vowel-band (speechLow to speechHigh Hz) level, dBFS
	shape     [][shapeN]float32
	wide      []float32 // level above speechLow Hz, dBFS
	pitch     []float32 // YIN estimate, Hz (0: silent frame)
	aper      []float32 // YIN aperiodicity, 0 (periodic) to 1

	threshold []float32 // speech threshold, dBFS
	floor     []float32 // noise floor, dBFS
	peak      []float32 // loud reference of the speech around, dBFS
	speech    []bool    // frame is inside speech (short gaps included)
	sounding  []bool    // frame of speech that sounds (not a gap inside it)
	talk      []bool    // frame of speech that counts towards the speaking time
	voiced    []bool    // speech frame with a trusted pitch
	quasi     []bool    // speech frame voiced at least quasi-periodically (creak)
	nuclei    []int     // frames of the syllable nuclei, ascending
	fillers   [][2]int  // frame ranges of the filled pauses, ascending
	smooth    []float32 // intensity averaged over 50 ms (once computed)

	minPitch, maxPitch float64
}

// trim makes every per-frame slice n long, padding with silence.
func (f *frames) trim(n int) {
	fix := func(s []float32, pad float32) []float32 {
		for len(s) < n {
			s = append(s, pad)
		}
		return s[:n]
	}
	f.intensity = fix(f.intensity, minDB)
	f.wide = fix(f.wide, minDB)
	f.pitch = fix(f.pitch, 0)
	f.aper = fix(f.aper, 1)
	for len(f.shape) < n {
		f.shape = append(f.shape, [shapeN]float32{})
	}
	f.shape = f.shape[:n]
}

// seconds converts a frame index to a time in seconds.
func seconds(k int) float64 { return float64(k) / frameRate }

// smoothDB averages a dB contour over 2r+1 frames in the power domain.
func smoothDB(in []float32, r int) []float32 {
	out := make([]float32, len(in))
	pow := make([]float64, len(in)+1) // prefix sums of power
	for i, v := range in {
		pow[i+1] = pow[i] + dbToPower(v)
	}
	for i := range in {
		a, b := max(0, i-r), min(len(in), i+r+1)
		out[i] = powerToDB((pow[b] - pow[a]) / float64(b-a))
	}
	return out
}

// smoothGauss averages a dB contour in the power domain under a Gaussian
// of standard deviation sigma frames, cut at 3 sigma (at the ends, over the
// frames there are).
func smoothGauss(in []float32, sigma float64) []float32 {
	r := int(math.Ceil(3 * sigma))
	w := make([]float64, 2*r+1)
	var total float64
	for j := range w {
		d := float64(j - r)
		w[j] = math.Exp(-d * d / (2 * sigma * sigma))
		total += w[j]
	}
	pow := make([]float64, len(in))
	for i, v := range in {
		pow[i] = dbToPower(v)
	}
	out := make([]float32, len(in))
	for i := range in {
		a, b := max(0, i-r), min(len(in), i+r+1)
		win, wk := pow[a:b], w[a-i+r:b-i+r]
		var m float64
		for k, p := range win {
			m += wk[k] * p
		}
		if b-a == len(w) {
			m /= total
		} else {
			var sum float64
			for _, x := range wk {
				sum += x
			}
			m /= sum
		}
		out[i] = powerToDB(m)
	}
	return out
}

// lowFloor returns the median over the take of the noise floor of lv: the
// lowest 10th percentile of any second within ±5 s.
func lowFloor(lv []float32) float64 {
	n := len(lv)
	nc := (n + chunk - 1) / chunk
	if nc == 0 {
		return 0
	}
	lo := make([]float32, nc)
	buf := make([]float32, 0, chunk)
	for c := range nc {
		buf = append(buf[:0], lv[c*chunk:min(n, (c+1)*chunk)]...)
		lo[c] = nth(buf, len(buf)/10)
	}
	w := floorWindow / chunk
	// The floor holds one value per chunk, so its median over the frames
	// is found among the chunks, each weighing its number of frames.
	type part struct {
		v float32
		n int
	}
	fl := make([]part, nc)
	for c := range nc {
		v := lo[c]
		for j := max(0, c-w); j <= min(nc-1, c+w); j++ {
			v = min(v, lo[j])
		}
		fl[c] = part{v, min(n, (c+1)*chunk) - c*chunk}
	}
	slices.SortFunc(fl, func(a, b part) int { return cmp.Compare(a.v, b.v) })
	k := 0 // frames below the current part
	for _, p := range fl {
		if k += p.n; k > n/2 {
			return float64(p.v)
		}
	}
	return float64(fl[nc-1].v)
}

// thresholds computes the adaptive noise floor and the speech threshold of
// every frame from the smoothed level lv. The floor is the lowest 10th
// percentile of any second within ±5 s; the loud reference is the highest
// 95th percentile there. A frame is speech when it is floorMargin above the
// floor, or within speechRange of the loud reference if that is higher.
func (f *frames) thresholds(lv []float32) {
	n := len(lv)
	nc := (n + chunk - 1) / chunk
	lo := make([]float32, nc)
	hi := make([]float32, nc)
	buf := make([]float32, 0, chunk)
	for c := range nc {
		buf = append(buf[:0], lv[c*chunk:min(n, (c+1)*chunk)]...)
		k := (len(buf) * 95) / 100
		hi[c] = nth(buf, k)
		lo[c] = nth(buf[:k+1], len(buf)/10) // the k+1 lowest are first
	}
	w := floorWindow / chunk
	f.skipFadeIn(lv, lo, buf)
	f.floor = make([]float32, n)
	f.threshold = make([]float32, n)
	f.peak = make([]float32, n)
	for c := range nc {
		fl, pk := lo[c], hi[c]
		for j := max(0, c-w); j <= min(nc-1, c+w); j++ {
			fl = min(fl, lo[j])
			pk = max(pk, hi[j])
		}
		thr := max(fl+floorMargin, pk-speechRange)
		wide := pk
		for j := max(0, c-voiceWindow); j <= min(nc-1, c+voiceWindow); j++ {
			wide = max(wide, hi[j])
		}
		for k := c * chunk; k < min(n, (c+1)*chunk); k++ {
			f.floor[k] = fl
			f.threshold[k] = thr
			f.peak[k] = wide
		}
	}
}

// skipFadeIn leaves out of the floor estimates lo (one per chunk of lv) the
// frames before the background noise begins and after it ends: a recording
// often starts near digital silence while the recorder or its noise
// suppression fades in, and that silence lies far under the noise the voice
// competes with for the rest of the take. The background is reached where
// the level first comes within fadeMargin of the take's typical floor (the
// median over its seconds of their quietest tenth). Only a gradual rise or
// fall counts: digital silence around a sound is its background.
func (f *frames) skipFadeIn(lv, lo, buf []float32) {
	n, nc := len(lv), len(lo)
	if nc == 0 {
		return
	}
	typical := nth(slices.Clone(lo), nc/2) - fadeMargin
	// The background holds for fadeRun frames in a row: a click in the
	// fade-in does not end it.
	a, b := 0, n
	for run := 0; a < n && run < fadeRun; a++ {
		run++
		if lv[a] < typical {
			run = 0
		}
	}
	a -= fadeRun
	for run := 0; b > 0 && run < fadeRun; b-- {
		run++
		if lv[b-1] < typical {
			run = 0
		}
	}
	b += fadeRun
	if a >= b {
		return // no steady background to judge a fade by
	}
	a, b = max(0, a), min(n, b)
	// A fade rises (or falls) through the levels under the background for
	// a while; silence padding a sound jumps to it within a frame or two.
	ramp := func(from, to int) bool {
		k := 0
		for _, v := range lv[from:to] {
			if v >= typical-fadeDepth {
				k++
			}
		}
		return k >= fadeRamp
	}
	if !ramp(0, a) {
		a = 0
	}
	if !ramp(b, n) {
		b = n
	}
	if a == 0 && b == n {
		return
	}
	for c := range nc {
		c0, c1 := c*chunk, min(n, (c+1)*chunk)
		if c0 >= a && c1 <= b {
			continue
		}
		buf = append(buf[:0], lv[max(c0, a):max(min(c1, b), max(c0, a))]...)
		if len(buf) == 0 {
			lo[c] = float32(math.Inf(1))
			continue
		}
		lo[c] = nth(buf, len(buf)/10)
	}
}

// detectSpeech fills speech and voiced. A frame sounds when its level above
// speechLow stands clear of the threshold, or, more weakly, of the noise floor
// while the voice is periodic (a low or creaky voice: little energy, but
// regular pulses). Sounding frames form bursts; bursts without voicing far
// from any voiced burst are dropped, and gaps shorter than minPause frames
// inside speech are filled.
func (f *frames) detectSpeech(minPause int) {
	lv := smoothDB(f.wide, 1)
	f.thresholds(lv)
	n := len(lv)
	f.speech = make([]bool, n)
	f.voiced = make([]bool, n)
	f.sounding = make([]bool, n)
	periodic := func(k int) bool {
		p := float64(f.pitch[k])
		return f.aper[k] < voicedAper && p >= f.minPitch && p <= f.maxPitch
	}
	for k := range n {
		switch {
		case lv[k] >= f.threshold[k]:
			f.sounding[k] = true
		case lv[k] >= f.floor[k]+weakMargin && f.quasiPeriodic(k):
			f.sounding[k] = true
		}
	}
	// Bursts of sounding frames. A voiced burst is speech; an unvoiced one
	// (a consonant's release, a breath, a click) only when it lies within
	// a pause's length of a voiced one.
	type burst struct {
		a, b  int
		voice bool
	}
	var bursts []burst
	for k := 0; k < n; {
		if !f.sounding[k] {
			k++
			continue
		}
		e := k
		voiced := 0
		top := float32(minDB)
		for e < n && f.sounding[e] {
			if periodic(e) || f.quasiPeriodic(e) {
				voiced++
			}
			top = max(top, lv[e]-f.peak[e])
			e++
		}
		// A voice far under the speaker's own (a radio in the next
		// room, a distant talker) is not the answer.
		near := top >= -burstRange
		bursts = append(bursts, burst{k, e, near && e-k >= minSpeechFrames && voiced >= minVoicedFrames})
		k = e
	}
	// A consonant lies within a stop's closure of its word's voice.
	near := min(minPause, consonantGap)
	for i, u := range bursts {
		keep := u.voice
		for j := i - 1; !keep && j >= 0 && u.a-bursts[j].b < near; j-- {
			keep = bursts[j].voice
		}
		for j := i + 1; !keep && j < len(bursts) && bursts[j].a-u.b < near; j++ {
			keep = bursts[j].voice
		}
		if keep {
			for j := u.a; j < u.b; j++ {
				f.speech[j] = true
			}
		} else {
			for j := u.a; j < u.b; j++ {
				f.sounding[j] = false
			}
		}
	}
	// A voice trailing off is held while it stays weakly over the noise.
	weak := f.weakVoice(lv)
	held := make([]bool, n)
	for _, u := range bursts {
		if u.voice {
			for k := u.a; k < u.b; k++ {
				held[k] = true
			}
		}
	}
	// The voice is followed across dips of up to holdGap frames. A held
	// stretch that leads into a silence counts only beyond holdSpan frames:
	// nearer the loud edge of a word, the median of the level over the
	// window is still the word's.
	fwd, bwd := f.follow(held, weak, 1), f.follow(held, weak, -1)
	for k := 0; k < n; {
		if f.speech[k] || !fwd[k] && !bwd[k] {
			k++
			continue
		}
		e := k
		for e < n && !f.speech[e] && (fwd[e] || bwd[e]) {
			e++
		}
		bridge := k > 0 && f.speech[k-1] && e < n && f.speech[e]
		if bridge || e-k > holdSpan {
			for j := k; j < e; j++ {
				f.speech[j], f.sounding[j] = true, true
			}
		}
		k = e
	}
	// Fill gaps shorter than a pause.
	last := -1 // last speech frame seen
	for k := 0; k < n; k++ {
		if !f.speech[k] {
			continue
		}
		if last >= 0 && k-last-1 > 0 && k-last-1 < minPause {
			for j := last + 1; j < k; j++ {
				f.speech[j] = true
			}
		}
		last = k
	}
	// A lone short sound far from the rest (a cough, a knock, a word from
	// someone in the background) is not part of the answer.
	runs := f.runs()
	for i, r := range runs {
		if r[1]-r[0] >= minLone {
			continue
		}
		before := i == 0 || r[0]-runs[i-1][1] > loneGap
		after := i == len(runs)-1 || runs[i+1][0]-r[1] > loneGap
		if before && after && len(runs) > 1 {
			for j := r[0]; j < r[1]; j++ {
				f.speech[j], f.sounding[j] = false, false
			}
		}
	}
	// The speaking time leaves out the silences inside speech longer than
	// a stop consonant's closure.
	f.talk = slices.Clone(f.speech)
	for k := 0; k < n; {
		if !f.speech[k] || f.sounding[k] {
			k++
			continue
		}
		e := k
		for e < n && f.speech[e] && !f.sounding[e] {
			e++
		}
		if e-k >= minGap {
			for j := k; j < e; j++ {
				f.talk[j] = false
			}
		}
		k = e
	}
	f.quasi = make([]bool, n)
	for k := range n {
		// A pitch is trusted where the whole 30 ms window sounds.
		inside := k > 0 && k+1 < n && f.speech[k]
		for j := k - 1; inside && j <= k+1; j++ {
			inside = f.wide[j] >= f.floor[j]+weakMargin
		}
		f.voiced[k] = inside && periodic(k)
		f.quasi[k] = f.speech[k] && (f.voiced[k] || f.quasiPeriodic(k))
	}
}

// quasiPeriodic reports whether frame k is voiced in the looser sense that
// a creaky or breathy voice needs: a pitch found with a moderate
// aperiodicity that agrees, within a semitone, with a neighbouring frame's
// (noise gives a pitch too, but one that jumps from frame to frame).
func (f *frames) quasiPeriodic(k int) bool {
	p := float64(f.pitch[k])
	if f.aper[k] >= creakAper || p < f.minPitch || p > f.maxPitch {
		return false
	}
	for _, j := range []int{k - 1, k + 1} {
		if j < 0 || j >= len(f.pitch) || f.aper[j] >= creakAper {
			continue
		}
		if q := float64(f.pitch[j]); q > 0 && math.Abs(12*math.Log2(p/q)) < 1 {
			return true
		}
	}
	return false
}

// runs returns the [start, end) frame ranges where speech is true.
func (f *frames) runs() [][2]int {
	var out [][2]int
	for k := 0; k < len(f.speech); {
		if !f.speech[k] {
			k++
			continue
		}
		e := k
		for e < len(f.speech) && f.speech[e] {
			e++
		}
		out = append(out, [2]int{k, e})
		k = e
	}
	return out
}

// follow returns the frames reached from a held frame going in direction
// dir (1 or -1) over speech or weak voice, across dips of up to holdGap
// frames.
func (f *frames) follow(held []bool, weak func(int) bool, dir int) []bool {
	n := len(held)
	out := make([]bool, n)
	k := 0
	if dir < 0 {
		k = n - 1
	}
	for miss := holdGap + 1; k >= 0 && k < n; k += dir {
		switch {
		case held[k], miss <= holdGap && (f.speech[k] || weak(k)):
			// The dip just crossed belongs to the voice too.
			for j := k - miss*dir; miss <= holdGap && j != k; j += dir {
				out[j] = true
			}
			out[k], miss = true, 0
		default:
			miss++
		}
	}
	return out
}

// weakVoice returns whether, at frame k, a voice may go on though no frame
// sounds. Over ±holdSpan frames, the median of the level stays within
// holdDB under the threshold and rises holdMargin over what the background
// itself reaches three times in four; the mean spectrum differs from the
// background's by more than holdShape; and most of the energy lies in the
// vowel band (the level above speechLow at most fillBand over the band's:
// a stop's release, a fricative or a breath hisses higher). A weak voice
// (a cold, creak, a low voice trailing off) sinks to a few dB over a steady
// noise for a tenth of a second and more, which no single frame shows but
// a longer stretch does, and its formants set it apart from the hum,
// rumble or hiss it sinks into. A noise that swells by itself (rumble,
// traffic) raises the bar with it.
func (f *frames) weakVoice(lv []float32) func(k int) bool {
	n := len(lv)
	// The background's spectrum: the mean over the quiet frames.
	var bg [shapeN]float64
	nb := 0
	for k := range n {
		if !f.sounding[k] && lv[k] < f.floor[k]+holdQuiet {
			for j, v := range f.shape[k] {
				bg[j] += float64(v)
			}
			nb++
		}
	}
	if nb == 0 {
		return func(int) bool { return false }
	}
	for j := range bg {
		bg[j] /= float64(nb)
	}
	buf := make([]float32, 0, 2*holdSpan+1)
	median := func(k int) float32 {
		a, b := max(0, k-holdSpan), min(n, k+holdSpan+1)
		buf = append(buf[:0], lv[a:b]...)
		return nth(buf, len(buf)/2)
	}
	// How far the background itself rises over its floor, judged the same
	// way deep inside the silences (holdFar frames from any sound): a
	// steady noise hardly does, a swelling rumble or traffic several dB.
	var rise []float32
	next := n // the next sounding frame at or after k
	for k := n - 1; k >= 0; k-- {
		if f.sounding[k] {
			next = k
		}
		if next-k > holdFar && k >= holdFar && !slices.Contains(f.sounding[k-holdFar:k], true) {
			rise = append(rise, median(k)-f.floor[k])
		}
	}
	noiseRise := float32(speechRange) // no silence to judge the noise by: hold nothing
	if len(rise) >= holdFar {
		noiseRise = nth(rise, len(rise)*3/4)
	}
	isWeak := func(k int) bool {
		m := median(k)
		if m < f.threshold[k]-holdDB || m < f.floor[k]+noiseRise+holdMargin {
			return false
		}
		a, b := max(0, k-holdSpan), min(n, k+holdSpan+1)
		var mean [shapeN]float64
		var band float64
		for i, sh := range f.shape[a:b] {
			for j, v := range sh {
				mean[j] += float64(v)
			}
			band += float64(f.wide[a+i] - f.intensity[a+i])
		}
		if band > fillBand*float64(b-a) {
			return false // a hiss: a stop's release, a fricative, a breath
		}
		var d float64
		for j := range bg {
			x := mean[j]/float64(b-a) - bg[j]
			d += x * x
		}
		return d > holdShape*holdShape
	}
	memo := make([]int8, n) // 0 unknown, 1 weak voice, -1 not
	return func(k int) bool {
		if memo[k] == 0 {
			memo[k] = -1
			if isWeak(k) {
				memo[k] = 1
			}
		}
		return memo[k] > 0
	}
}
