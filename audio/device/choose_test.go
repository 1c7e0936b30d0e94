package device

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// devList builds a device list in PortAudio's order from lines of
// "API | name | in | out | flags", flags holding "I" for the host API's
// default input and "O" for its default output.
func devList(t *testing.T, lines ...string) []Info {
	t.Helper()
	var out []Info
	for i, line := range lines {
		f := strings.Split(line, "|")
		if len(f) != 5 {
			t.Fatalf("bad device line %q", line)
		}
		var in, outCh int
		fmt.Sscan(f[2], &in)
		fmt.Sscan(f[3], &outCh)
		name := strings.TrimPrefix(f[1], " ") // keep a trailing space: MME leaves one
		name = strings.TrimSuffix(name, " ")
		out = append(out, Info{
			Name: name, PortAudioName: name, HostAPI: strings.TrimSpace(f[0]), Index: i,
			MaxInputChannels: in, MaxOutputChannels: outCh, DefaultSampleRate: 48000,
			DefaultInput: strings.Contains(f[4], "I"), DefaultOutput: strings.Contains(f[4], "O"),
		})
	}
	return out
}

// windowsDevices is a Windows laptop with two microphones of one model
// (MME cuts their names to 31 characters, leaving a space), the built-in
// speakers, and an audio interface whose input only WDM-KS offers.
func windowsDevices(t *testing.T) []Info {
	return devList(t,
		"MME | Microsoft Sound Mapper - Input | 2 | 0 | I",
		"MME | Microphone (USB PnP Sound Devic  | 1 | 0 | ",
		"MME | Microphone (USB PnP Sound Devic  | 1 | 0 | ",
		"MME | Microsoft Sound Mapper - Output | 0 | 2 | O",
		"MME | Speakers (Realtek(R) Audio) | 0 | 2 | ",
		"Windows DirectSound | Primary Sound Capture Driver | 2 | 0 | I",
		"Windows DirectSound | Microphone (USB PnP Sound Device) | 1 | 0 | ",
		"Windows DirectSound | Microphone (USB PnP Sound Device) | 1 | 0 | ",
		"Windows DirectSound | Primary Sound Driver | 0 | 2 | O",
		"Windows DirectSound | Speakers (Realtek(R) Audio) | 0 | 2 | ",
		"Windows WASAPI | Microphone (USB PnP Sound Device) | 1 | 0 | I",
		"Windows WASAPI | Microphone (USB PnP Sound Device) | 1 | 0 | ",
		"Windows WASAPI | Speakers (Realtek(R) Audio) | 0 | 2 | O",
		"Windows WDM-KS | Line In (Studio Interface) | 2 | 0 | I",
	)
}

// wineDevices is what Wine's audio gives: one device per host API, named
// alike under each.
func wineDevices(t *testing.T) []Info {
	return devList(t,
		"MME | In: default | 2 | 0 | I",
		"MME | Out: default | 0 | 2 | O",
		"Windows DirectSound | In: default | 2 | 0 | I",
		"Windows DirectSound | Out: default | 0 | 2 | O",
		"Windows WASAPI | In: default | 2 | 0 | I",
		"Windows WASAPI | Out: default | 0 | 2 | O",
	)
}

// linuxDevices is ALSA with a running JACK server, as under
// scripts/vaudio.sh plus a sound card.
func linuxDevices(t *testing.T) []Info {
	return devList(t,
		"ALSA | HDA Intel PCH: ALC3246 Analog (hw:0,0) | 2 | 2 | ",
		"ALSA | pulse | 32 | 32 | ",
		"ALSA | default | 32 | 32 | IO",
		"JACK Audio Connection Kit | system | 2 | 2 | IO",
	)
}

func TestArrange(t *testing.T) {
	tests := []struct {
		name      string
		goos      string
		devs      []Info
		wantAPI   string
		wantShown []string
		wantAll   []string
		wantIn    []string // Choices(true)
		wantOut   []string // Choices(false)
	}{
		{
			name: "windows: MME, its cut names told apart", goos: "windows", devs: windowsDevices(t),
			wantAPI: "MME",
			wantShown: []string{"Microsoft Sound Mapper - Input", "Microphone (USB PnP Sound Devic",
				"Microphone (USB PnP Sound Devic (2)", "Microsoft Sound Mapper - Output", "Speakers (Realtek(R) Audio)"},
			wantAll: []string{
				"Microsoft Sound Mapper - Input [MME]", "Microphone (USB PnP Sound Devic [MME]",
				"Microphone (USB PnP Sound Devic (2) [MME]", "Microsoft Sound Mapper - Output [MME]", "Speakers (Realtek(R) Audio) [MME]",
				"Primary Sound Capture Driver [DirectSound]", "Microphone (USB PnP Sound Device) [DirectSound]",
				"Microphone (USB PnP Sound Device) (2) [DirectSound]", "Primary Sound Driver [DirectSound]",
				"Speakers (Realtek(R) Audio) [DirectSound]",
				"Microphone (USB PnP Sound Device) [WASAPI]", "Microphone (USB PnP Sound Device) (2) [WASAPI]",
				"Speakers (Realtek(R) Audio) [WASAPI]",
				"Line In (Studio Interface) [WDM-KS]",
			},
			wantIn: []string{"Microsoft Sound Mapper - Input", "Microphone (USB PnP Sound Devic", "Microphone (USB PnP Sound Devic (2)",
				"Primary Sound Capture Driver [DirectSound]", "Microphone (USB PnP Sound Device) [DirectSound]",
				"Microphone (USB PnP Sound Device) (2) [DirectSound]", "Microphone (USB PnP Sound Device) [WASAPI]",
				"Microphone (USB PnP Sound Device) (2) [WASAPI]", "Line In (Studio Interface) [WDM-KS]"},
			wantOut: []string{"Microsoft Sound Mapper - Output", "Speakers (Realtek(R) Audio)",
				"Primary Sound Driver [DirectSound]", "Speakers (Realtek(R) Audio) [DirectSound]", "Speakers (Realtek(R) Audio) [WASAPI]"},
		},
		{
			name: "wine: one device each way", goos: "windows", devs: wineDevices(t),
			wantAPI:   "MME",
			wantShown: []string{"In: default", "Out: default"},
			wantAll: []string{"In: default [MME]", "Out: default [MME]", "In: default [DirectSound]", "Out: default [DirectSound]",
				"In: default [WASAPI]", "Out: default [WASAPI]"},
			wantIn:  []string{"In: default", "In: default [DirectSound]", "In: default [WASAPI]"},
			wantOut: []string{"Out: default", "Out: default [DirectSound]", "Out: default [WASAPI]"},
		},
		{
			// As PortAudio lists Wine's audio (MME and DirectSound).
			name: "wine as measured: an input and an output of one name keep it", goos: "windows",
			devs: devList(t,
				"MME | Wine Sound Mapper - Input | 2 | 0 | I",
				"MME | In: default | 2 | 0 | ",
				"MME | Wine Sound Mapper - Output | 0 | 2 | O",
				"MME | Out: default | 0 | 2 | ",
				"Windows DirectSound | Primary Sound Driver | 2 | 0 | I",
				"Windows DirectSound | In: default | 2 | 0 | ",
				"Windows DirectSound | Primary Sound Driver | 0 | 2 | O",
				"Windows DirectSound | Out: default | 0 | 2 | ",
			),
			wantAPI:   "MME",
			wantShown: []string{"Wine Sound Mapper - Input", "In: default", "Wine Sound Mapper - Output", "Out: default"},
			wantAll: []string{"Wine Sound Mapper - Input [MME]", "In: default [MME]", "Wine Sound Mapper - Output [MME]", "Out: default [MME]",
				"Primary Sound Driver [DirectSound]", "In: default [DirectSound]", "Primary Sound Driver [DirectSound]", "Out: default [DirectSound]"},
			wantIn:  []string{"Wine Sound Mapper - Input", "In: default", "Primary Sound Driver [DirectSound]", "In: default [DirectSound]"},
			wantOut: []string{"Wine Sound Mapper - Output", "Out: default", "Primary Sound Driver [DirectSound]", "Out: default [DirectSound]"},
		},
		{
			name: "repeats are numbered per side", goos: "linux",
			devs: devList(t,
				"ALSA | X | 0 | 2 | ",
				"ALSA | X | 2 | 2 | ",
				"ALSA | X | 2 | 0 | ",
				"ALSA | X | 0 | 2 | ",
			),
			wantAPI:   "ALSA",
			wantShown: []string{"X", "X (2)", "X", "X (3)"},
			wantAll:   []string{"X [ALSA]", "X (2) [ALSA]", "X [ALSA]", "X (3) [ALSA]"},
			wantIn:    []string{"X (2)", "X"},
			wantOut:   []string{"X", "X (2)", "X (3)"},
		},
		{
			name: "windows without MME: WASAPI", goos: "windows", devs: wineDevices(t)[2:],
			wantAPI:   "Windows WASAPI",
			wantShown: []string{"In: default", "Out: default"},
			wantAll:   []string{"In: default [DirectSound]", "Out: default [DirectSound]", "In: default [WASAPI]", "Out: default [WASAPI]"},
			wantIn:    []string{"In: default", "In: default [DirectSound]"},
			wantOut:   []string{"Out: default", "Out: default [DirectSound]"},
		},
		{
			name: "linux: ALSA, JACK's ports after", goos: "linux", devs: linuxDevices(t),
			wantAPI:   "ALSA",
			wantShown: []string{"HDA Intel PCH: ALC3246 Analog (hw:0,0)", "pulse", "default"},
			wantAll:   []string{"HDA Intel PCH: ALC3246 Analog (hw:0,0) [ALSA]", "pulse [ALSA]", "default [ALSA]", "system [JACK]"},
			wantIn:    []string{"HDA Intel PCH: ALC3246 Analog (hw:0,0)", "pulse", "default", "system [JACK]"},
			wantOut:   []string{"HDA Intel PCH: ALC3246 Analog (hw:0,0)", "pulse", "default", "system [JACK]"},
		},
		{
			name: "linux: only JACK", goos: "linux", devs: linuxDevices(t)[3:],
			wantAPI: "JACK Audio Connection Kit", wantShown: []string{"system"}, wantAll: []string{"system [JACK]"},
			wantIn: []string{"system"}, wantOut: []string{"system"},
		},
		{
			name: "macOS: two of one model, an empty name", goos: "darwin",
			devs: devList(t,
				"Core Audio | MacBook Pro Microphone | 1 | 0 | I",
				"Core Audio | USB Audio Device | 1 | 2 | ",
				"Core Audio | USB Audio Device | 1 | 2 | ",
				"Core Audio |   | 0 | 2 | O",
			),
			wantAPI:   "Core Audio",
			wantShown: []string{"MacBook Pro Microphone", "USB Audio Device", "USB Audio Device (2)", "Unnamed device"},
			wantAll:   []string{"MacBook Pro Microphone [Core Audio]", "USB Audio Device [Core Audio]", "USB Audio Device (2) [Core Audio]", "Unnamed device [Core Audio]"},
			wantIn:    []string{"MacBook Pro Microphone", "USB Audio Device", "USB Audio Device (2)"},
			wantOut:   []string{"USB Audio Device", "USB Audio Device (2)", "Unnamed device"},
		},
		{
			name: "a number another device has already is skipped", goos: "linux",
			devs: devList(t,
				"ALSA | Mic | 1 | 0 | I",
				"ALSA | Mic | 1 | 0 | ",
				"ALSA | Mic (2) | 1 | 0 | ",
				"ALSA | Mic | 1 | 0 | ",
			),
			wantAPI:   "ALSA",
			wantShown: []string{"Mic", "Mic (3)", "Mic (2)", "Mic (4)"},
			wantAll:   []string{"Mic [ALSA]", "Mic (3) [ALSA]", "Mic (2) [ALSA]", "Mic (4) [ALSA]"},
			wantIn:    []string{"Mic", "Mic (3)", "Mic (2)", "Mic (4)"},
		},
		{
			name: "another system: PortAudio's first host API", goos: "freebsd",
			devs:    devList(t, "OSS | /dev/dsp | 2 | 2 | IO", "JACK Audio Connection Kit | system | 2 | 2 | IO"),
			wantAPI: "OSS", wantShown: []string{"/dev/dsp"}, wantAll: []string{"/dev/dsp [OSS]", "system [JACK]"},
			wantIn: []string{"/dev/dsp", "system [JACK]"}, wantOut: []string{"/dev/dsp", "system [JACK]"},
		},
		{name: "no device", goos: "windows"},
	}
	names := func(devs []Info) []string {
		var out []string
		for _, d := range devs {
			out = append(out, d.Name)
		}
		return out
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := Arrange(tt.goos, tt.devs)
			if l.HostAPI != tt.wantAPI {
				t.Errorf("HostAPI = %q, want %q", l.HostAPI, tt.wantAPI)
			}
			if got := names(l.Shown); !slices.Equal(got, tt.wantShown) {
				t.Errorf("Shown = %q,\nwant %q", got, tt.wantShown)
			}
			if got := names(l.All); !slices.Equal(got, tt.wantAll) {
				t.Errorf("All = %q,\nwant %q", got, tt.wantAll)
			}
			if got := l.Choices(true); !slices.Equal(got, tt.wantIn) {
				t.Errorf("Choices(input) = %q,\nwant %q", got, tt.wantIn)
			}
			if got := l.Choices(false); !slices.Equal(got, tt.wantOut) {
				t.Errorf("Choices(output) = %q,\nwant %q", got, tt.wantOut)
			}
			// Arrange only names: the rest of each device is kept.
			if len(l.All) != len(tt.devs) {
				t.Fatalf("All has %d devices, want the %d given", len(l.All), len(tt.devs))
			}
			for i, d := range l.All {
				orig := tt.devs[i]
				d.Name = orig.Name
				if d != orig {
					t.Errorf("device %d arranged as %+v, want %+v apart from its name", orig.Index, d, orig)
				}
			}
			// Every name offered finds its own device, and only for the
			// side it has.
			for _, input := range []bool{true, false} {
				for _, list := range [][]Info{l.Shown, l.All} {
					for _, d := range list {
						got, ok := l.Find(d.Name, input)
						if d.channels(input) == 0 {
							if ok && got.Index == d.Index {
								t.Errorf("Find(%q, input=%v) = device %d, which has no such side", d.Name, input, got.Index)
							}
							continue
						}
						if !ok || got.Index != d.Index {
							t.Errorf("Find(%q, input=%v) = device %d, %v; want device %d", d.Name, input, got.Index, ok, d.Index)
						}
					}
				}
			}
		})
	}
}

func TestFind(t *testing.T) {
	win := Arrange("windows", windowsDevices(t))
	wine := Arrange("windows", wineDevices(t))
	linux := Arrange("linux", linuxDevices(t))
	measured := Arrange("windows", devList(t,
		"MME | Wine Sound Mapper - Input | 2 | 0 | I",
		"MME | In: default | 2 | 0 | ",
		"MME | Wine Sound Mapper - Output | 0 | 2 | O",
		"MME | Out: default | 0 | 2 | ",
		"Windows DirectSound | Primary Sound Driver | 2 | 0 | I",
		"Windows DirectSound | In: default | 2 | 0 | ",
		"Windows DirectSound | Primary Sound Driver | 0 | 2 | O",
		"Windows DirectSound | Out: default | 0 | 2 | ",
	))
	jackIn := Arrange("linux", devList(t,
		"ALSA | default | 0 | 2 | O",
		"JACK Audio Connection Kit | system | 2 | 2 | IO",
	))
	tests := []struct {
		name  string
		l     Listing
		find  string
		input bool
		want  int // device index, -1 for not found
	}{
		{"default input: the shown host API's", wine, "", true, 0},
		{"default output", wine, "", false, 1},
		{"default with spaces", wine, "  ", true, 0},
		{"shown name", wine, "In: default", true, 0},
		{"shown name, the wrong side", wine, "In: default", false, -1},
		{"qualified", wine, "In: default [WASAPI]", true, 4},
		{"qualified, any case", wine, "in: default [wasapi]", true, -1},
		{"qualified, API in any case", wine, "In: default [wasapi]", true, 4},
		{"qualified by PortAudio's full API name", wine, "Out: default [Windows DirectSound]", false, 3},
		{"qualified, unknown API", wine, "In: default [CoreAudio]", true, -1},
		{"qualified, shown API", wine, "Out: default [MME]", false, 1},
		{"numbered repeat", win, "Microphone (USB PnP Sound Devic (2)", true, 2},
		{"numbered repeat under another API", win, "Microphone (USB PnP Sound Device) (2) [WASAPI]", true, 11},
		{"cut name with its trailing space", win, "Microphone (USB PnP Sound Devic ", true, 1},
		{"PortAudio's name of another API's device", win, "Primary Sound Capture Driver", true, 5},
		{"PortAudio's name: the first of its repeats", win, "Microphone (USB PnP Sound Device)", true, 6},
		{"a device only one API has", win, "Line In (Studio Interface) [WDM-KS]", true, 13},
		{"a device only one API has, by its own name", win, "Line In (Studio Interface)", true, 13},
		{"linux default", linux, "", true, 2},
		{"JACK by qualified name", linux, "system [JACK]", true, 3},
		{"JACK by its own name (a setting saved before)", linux, "system", false, 3},
		{"no input in the shown API: another API's default", jackIn, "", true, 1},
		{"output default stays with the shown API", jackIn, "", false, 0},
		{"one name, input side", measured, "Primary Sound Driver [DirectSound]", true, 4},
		{"one name, output side", measured, "Primary Sound Driver [DirectSound]", false, 6},
		{"Wine's default input", measured, "", true, 0},
		{"missing", win, "Headset", true, -1},
		{"no devices", Arrange("windows", nil), "", true, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := tt.l.Find(tt.find, tt.input)
			if tt.want < 0 {
				if ok {
					t.Errorf("Find(%q) = device %d %q, want not found", tt.find, got.Index, got.Name)
				}
				return
			}
			if !ok || got.Index != tt.want {
				t.Errorf("Find(%q) = device %d %q, %v; want device %d", tt.find, got.Index, got.Name, ok, tt.want)
			}
		})
	}
}

func TestHostAPILabel(t *testing.T) {
	for api, want := range map[string]string{
		"MME": "MME", "Windows WASAPI": "WASAPI", "Windows DirectSound": "DirectSound", "Windows WDM-KS": "WDM-KS",
		"ASIO": "ASIO", "ALSA": "ALSA", "JACK Audio Connection Kit": "JACK", "Core Audio": "Core Audio", "": "unknown",
	} {
		if got := HostAPILabel(api); got != want {
			t.Errorf("HostAPILabel(%q) = %q, want %q", api, got, want)
		}
	}
}
