package device

import "testing"

func TestDescribe(t *testing.T) {
	tests := []struct {
		name string
		l    Listing
		all  bool
		want string
	}{
		{"none", Arrange("linux", nil), false, "No input devices found: plug in a microphone or check your sound settings.\n" +
			"No output devices found: connect speakers or headphones to play takes back.\n" +
			"* = system default. Pass a name with --input or --output to use another device.\n"},
		{"none, all", Arrange("linux", nil), true, "No input devices found: plug in a microphone or check your sound settings.\n" +
			"No output devices found: connect speakers or headphones to play takes back.\n" +
			"* = the default of its sound system. Pass a name as shown, [sound system] included, with --input or --output to use that device.\n"},
		{"both", Arrange("linux", []Info{
			{PortAudioName: "default", HostAPI: "ALSA", MaxInputChannels: 2, MaxOutputChannels: 2, DefaultSampleRate: 48000, DefaultInput: true, DefaultOutput: true},
			{PortAudioName: "USB Mic", HostAPI: "ALSA", MaxInputChannels: 1, DefaultSampleRate: 44100, Index: 1},
		}), false, "Input devices:\n" +
			"  * default  (ALSA, 2 ch, 48000 Hz)\n" +
			"    USB Mic  (ALSA, 1 ch, 44100 Hz)\n" +
			"Output devices:\n" +
			"  * default  (ALSA, 2 ch, 48000 Hz)\n" +
			"* = system default. Pass a name with --input or --output to use another device.\n"},
		{"wine", Arrange("windows", wineDevices(t)), false, "Input devices:\n" +
			"  * In: default  (MME, 2 ch, 48000 Hz)\n" +
			"Output devices:\n" +
			"  * Out: default  (MME, 2 ch, 48000 Hz)\n" +
			"* = system default. Pass a name with --input or --output to use another device.\n" +
			"These are the devices under MME, the sound system Fail Forward uses here; 4 more devices under DirectSound and WASAPI: failforward devices --all lists every one.\n"},
		{"wine, all", Arrange("windows", wineDevices(t)), true, "Input devices, every sound system:\n" +
			"  * In: default [MME]  (2 ch, 48000 Hz)\n" +
			"  * In: default [DirectSound]  (2 ch, 48000 Hz)\n" +
			"  * In: default [WASAPI]  (2 ch, 48000 Hz)\n" +
			"Output devices, every sound system:\n" +
			"  * Out: default [MME]  (2 ch, 48000 Hz)\n" +
			"  * Out: default [DirectSound]  (2 ch, 48000 Hz)\n" +
			"  * Out: default [WASAPI]  (2 ch, 48000 Hz)\n" +
			"* = the default of its sound system. Pass a name as shown, [sound system] included, with --input or --output to use that device.\n" +
			"Without one, Fail Forward uses MME.\n"},
		{"linux with JACK", Arrange("linux", linuxDevices(t)[2:]), false, "Input devices:\n" +
			"  * default  (ALSA, 32 ch, 48000 Hz)\n" +
			"Output devices:\n" +
			"  * default  (ALSA, 32 ch, 48000 Hz)\n" +
			"* = system default. Pass a name with --input or --output to use another device.\n" +
			"These are the devices under ALSA, the sound system Fail Forward uses here; 1 more device under JACK: failforward devices --all lists every one.\n"},
		{"an input only JACK has", Arrange("linux", devList(t,
			"ALSA | default | 0 | 2 | O",
			"JACK Audio Connection Kit | system | 2 | 2 | IO",
		)), false, "No input devices under ALSA; failforward devices --all lists those under other sound systems.\n" +
			"Output devices:\n" +
			"  * default  (ALSA, 2 ch, 48000 Hz)\n" +
			"* = system default. Pass a name with --input or --output to use another device.\n" +
			"These are the devices under ALSA, the sound system Fail Forward uses here; 1 more device under JACK: failforward devices --all lists every one.\n"},
	}
	for _, tt := range tests {
		if got := Describe(tt.l, tt.all); got != tt.want {
			t.Errorf("%s: got\n%s\nwant\n%s", tt.name, got, tt.want)
		}
	}
}
