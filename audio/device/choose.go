package device

import (
	"fmt"
	"slices"
	"strings"
)

// PortAudio offers each device once per host API (the system's audio
// interface it goes through): on Windows the same microphone is listed
// under MME, DirectSound and WASAPI, on Linux a running JACK server adds
// its ports beside ALSA's. Arrange turns that list into what people see:
// the devices of one host API, each once under a name no other shown
// device has, and every device of every host API under a name that says
// which host API it belongs to ("Microphone [WASAPI]"). Both kinds of name
// are accepted wherever a device is chosen (Listing.Find).

// preferredHostAPIs lists, per operating system (as runtime.GOOS), the host
// APIs to show devices from, best first; the first one with a device wins.
//
// Windows: MME. It is PortAudio's default host API there; its default
// device ("Microsoft Sound Mapper") follows the device chosen in Windows'
// sound settings; and Windows converts the sample rate for it, so a take
// recorded at 44.1 kHz plays on a device whose mixer runs at 48 kHz.
// WASAPI in shared mode opens only at the mixer's rate in the PortAudio
// release the app is built with (no automatic conversion), so playing a
// take made at another rate would fail; DirectSound is emulated on top of
// the same engine and was the slowest to open (about 0.9 s against 55 ms
// for MME under Wine). MME's extra latency does not matter here: a take's
// timing comes from the samples counted, not from the clock. Its one flaw,
// names cut to 31 characters, is why shown names are made unique.
//
// Linux: ALSA. It is always there, its "default" device goes through
// PulseAudio or PipeWire when they run, and it converts rates through its
// plugins; JACK exists only while a JACK server runs, at the server's one
// rate.
//
// macOS has only Core Audio. Other systems show PortAudio's first host API.
var preferredHostAPIs = map[string][]string{
	"windows": {"MME", "Windows WASAPI", "Windows DirectSound", "Windows WDM-KS", "ASIO"},
	"linux":   {"ALSA", "PulseAudio", "JACK Audio Connection Kit", "OSS"},
	"darwin":  {"Core Audio"},
}

// Listing is the device list as people see it, made by Arrange.
type Listing struct {
	// HostAPI is the host API whose devices are in Shown; "" when there is
	// no device at all.
	HostAPI string
	// Shown holds the devices of HostAPI in PortAudio's order, each with a
	// Name no other input (output) in Shown has, if it is an input (an
	// output).
	Shown []Info
	// All holds every device of every host API in PortAudio's order, each
	// named "Name [API]", with Name unique among the inputs (outputs) of its
	// host API and API its short name (HostAPILabel).
	All []Info

	bases []string // per device of All: its Name within its host API
}

// Others returns how many devices of All are not in Shown, and the labels
// of their host APIs in order.
func (l Listing) Others() (n int, apis []string) {
	for _, d := range l.All {
		if d.HostAPI == l.HostAPI {
			continue
		}
		n++
		if label := HostAPILabel(d.HostAPI); !slices.Contains(apis, label) {
			apis = append(apis, label)
		}
	}
	return n, apis
}

// HostAPILabel is the short name of a PortAudio host API used in device
// names: "Windows WASAPI" is "WASAPI", "JACK Audio Connection Kit" is
// "JACK"; other names stay as they are.
func HostAPILabel(api string) string {
	switch api {
	case "JACK Audio Connection Kit":
		return "JACK"
	case "":
		return "unknown"
	}
	return strings.TrimPrefix(api, "Windows ")
}

// PreferredHostAPI returns the host API whose devices are shown on the
// operating system goos (as runtime.GOOS): the first of that system's
// preferred host APIs that has a device in devs, else the host API of the
// first device; "" when devs is empty.
func PreferredHostAPI(goos string, devs []Info) string {
	for _, api := range preferredHostAPIs[goos] {
		for _, d := range devs {
			if d.HostAPI == api {
				return api
			}
		}
	}
	if len(devs) == 0 {
		return ""
	}
	return devs[0].HostAPI
}

// Arrange makes the list people see from every device PortAudio offers
// (as List returns them) on the operating system goos. It only names
// devices: Index, PortAudioName and the rest are kept.
func Arrange(goos string, devs []Info) Listing {
	l := Listing{HostAPI: PreferredHostAPI(goos, devs)}
	// Names are made unique within each host API, in PortAudio's order.
	byAPI := map[string][]int{}
	var apis []string
	for i, d := range devs {
		if _, ok := byAPI[d.HostAPI]; !ok {
			apis = append(apis, d.HostAPI)
		}
		byAPI[d.HostAPI] = append(byAPI[d.HostAPI], i)
	}
	bases := make([]string, len(devs))
	for _, api := range apis {
		idx := byAPI[api]
		group := make([]Info, len(idx))
		for j, i := range idx {
			group[j] = devs[i]
		}
		for j, name := range uniqueNames(group) {
			bases[idx[j]] = name
		}
	}
	l.bases = bases
	for i, d := range devs {
		d.Name = bases[i]
		if d.HostAPI == l.HostAPI {
			l.Shown = append(l.Shown, d)
		}
		d.Name = qualified(bases[i], d.HostAPI)
		l.All = append(l.All, d)
	}
	return l
}

func qualified(base, api string) string {
	return base + " [" + HostAPILabel(api) + "]"
}

// cleanName is a PortAudio device name fit to show and type: valid UTF-8
// (MME and DirectSound give names in the system's code page), without the
// spaces MME leaves where it cut a long name, never empty.
func cleanName(raw string) string {
	s := strings.TrimSpace(strings.ToValidUTF8(raw, "\uFFFD"))
	if s == "" {
		return "Unnamed device"
	}
	return s
}

// uniqueNames cleans the name of each device and numbers the repeats among
// devices that share a side (input or output), the only ones a name must
// tell apart: the first "Mic" stays "Mic", the next ones become "Mic (2)",
// "Mic (3)", skipping any number whose name another device has already. An
// input and an output of one name (DirectSound's "Primary Sound Driver")
// keep it both.
func uniqueNames(devs []Info) []string {
	out := make([]string, len(devs))
	real := map[string]bool{}
	for i, d := range devs {
		out[i] = cleanName(d.PortAudioName)
		real[out[i]] = true
	}
	type given struct {
		n     int
		sides uint8
	}
	byBase := map[string][]given{}
	for i, d := range devs {
		base, sides := out[i], d.sides()
		for n := 1; ; n++ {
			name := base
			if n > 1 {
				name = fmt.Sprintf("%s (%d)", base, n)
				if real[name] {
					continue
				}
			}
			clash := false
			for _, g := range byBase[base] {
				clash = clash || (g.n == n && g.sides&sides != 0)
			}
			if !clash {
				out[i] = name
				byBase[base] = append(byBase[base], given{n, sides})
				break
			}
		}
	}
	return out
}

// sides says which sides a device has: 1 for an input, 2 for an output.
func (d Info) sides() uint8 {
	var s uint8
	if d.MaxInputChannels > 0 {
		s |= 1
	}
	if d.MaxOutputChannels > 0 {
		s |= 2
	}
	return s
}

// Find returns the device called name that has an input (or an output),
// looking in this order:
//
//   - "" is the default: the default input (output) of HostAPI, else the
//     first other host API's default;
//   - a name from Shown ("In: default", "Microphone (2)");
//   - a name from All, "Name [API]", where API may also be PortAudio's full
//     name of the host API, in any case ("Mic [wasapi]", "Mic [Windows
//     WASAPI]");
//   - PortAudio's own name of a device, from HostAPI first (names saved by
//     earlier versions of the app).
func (l Listing) Find(name string, input bool) (Info, bool) {
	name = strings.TrimSpace(name)
	if name == "" {
		isDefault := func(d Info) bool { return d.DefaultOutput }
		if input {
			isDefault = func(d Info) bool { return d.DefaultInput }
		}
		for _, d := range l.Shown {
			if isDefault(d) && d.channels(input) > 0 {
				return d, true
			}
		}
		for _, d := range l.All {
			if isDefault(d) && d.channels(input) > 0 {
				return d, true
			}
		}
		return Info{}, false
	}
	for _, d := range l.Shown {
		if d.Name == name && d.channels(input) > 0 {
			return d, true
		}
	}
	for i, d := range l.All {
		if d.channels(input) == 0 {
			continue
		}
		rest, ok := strings.CutPrefix(name, l.bases[i]+" [")
		if !ok {
			continue
		}
		api, ok := strings.CutSuffix(rest, "]")
		if ok && (strings.EqualFold(api, HostAPILabel(d.HostAPI)) || strings.EqualFold(api, d.HostAPI)) {
			return d, true
		}
	}
	for _, pass := range []bool{true, false} {
		for _, d := range l.All {
			if (d.HostAPI == l.HostAPI) == pass && d.channels(input) > 0 && cleanName(d.PortAudioName) == name {
				return d, true
			}
		}
	}
	return Info{}, false
}

// Choices returns the names to offer for an input (or an output): those
// of Shown first, then those of All from the other host APIs.
func (l Listing) Choices(input bool) []string {
	var out []string
	for _, d := range l.Shown {
		if d.channels(input) > 0 {
			out = append(out, d.Name)
		}
	}
	for _, d := range l.All {
		if d.HostAPI != l.HostAPI && d.channels(input) > 0 {
			out = append(out, d.Name)
		}
	}
	return out
}

func (d Info) channels(input bool) int {
	if input {
		return d.MaxInputChannels
	}
	return d.MaxOutputChannels
}
