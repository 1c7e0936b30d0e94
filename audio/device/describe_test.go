package device

import "testing"

func TestDescribe(t *testing.T) {
	tests := []struct {
		name string
		devs []Info
		want string
	}{
		{"none", nil, "No input devices found: plug in a microphone or check your sound settings.\n" +
			"No output devices found: connect speakers or headphones to play takes back.\n" +
			"* = system default. Pass a name with --input or --output to use another device.\n"},
		{"both", []Info{
			{Name: "default", HostAPI: "ALSA", MaxInputChannels: 2, MaxOutputChannels: 2, DefaultSampleRate: 48000, DefaultInput: true, DefaultOutput: true},
			{Name: "USB Mic", HostAPI: "ALSA", MaxInputChannels: 1, DefaultSampleRate: 44100},
		}, "Input devices:\n" +
			"  * default  (ALSA, 2 ch, 48000 Hz)\n" +
			"    USB Mic  (ALSA, 1 ch, 44100 Hz)\n" +
			"Output devices:\n" +
			"  * default  (ALSA, 2 ch, 48000 Hz)\n" +
			"* = system default. Pass a name with --input or --output to use another device.\n"},
	}
	for _, tt := range tests {
		if got := Describe(tt.devs); got != tt.want {
			t.Errorf("%s: got\n%s\nwant\n%s", tt.name, got, tt.want)
		}
	}
}
