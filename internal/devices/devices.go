// Package devices adapts the PortAudio devices of audio/device to what the
// window asks for (ui.Audio, ui.StreamAudio and ui.DeviceLister), without
// importing ui or Fyne: the window's interfaces are met by method sets
// alone.
//
// PortAudio starts on a goroutine of its own (Start), so the window does
// not wait for every sound device to be probed; every adapter waits for it
// before it first touches a device.
package devices

import (
	"errors"
	"fmt"
	"io"
	"sync"

	"failforward/audio"
	"failforward/audio/device"
	"failforward/audio/recorder"
)

// System is PortAudio, starting on a goroutine of its own: most of the
// start-up time on a machine with many sound devices is their probing. The
// goroutine ends when PortAudio is up or has failed; Wait blocks until
// then.
type System struct {
	ready  chan struct{}
	err    error // set before ready is closed
	stderr io.Writer
	once   sync.Once
}

// Start starts PortAudio. A failure is reported to stderr once, by the
// first Wait.
func Start(stderr io.Writer) *System {
	s := &System{ready: make(chan struct{}), stderr: stderr}
	go func() {
		defer close(s.ready)
		s.err = device.Init()
	}()
	return s
}

// Wait returns once PortAudio has started. A failure is reported once;
// the window then says there is no microphone.
func (s *System) Wait() {
	<-s.ready
	s.once.Do(func() {
		if s.err != nil {
			fmt.Fprintf(s.stderr, "failforward: audio system: %v\n", s.err)
		}
	})
}

// Stop ends PortAudio, after it has finished starting. Close every stream
// first.
func (s *System) Stop() {
	s.Wait()
	if s.err == nil {
		_ = device.Terminate() // at exit; the streams are closed
	}
}

// Audio opens the real input and output devices for the window: the ones
// named by Input and Output ("" for the system's default), as the settings
// screen chose them. Its methods are called on the window's goroutine.
type Audio struct {
	sys           *System
	Input, Output string
}

// NewAudio returns the devices named input and output of sys.
func NewAudio(sys *System, input, output string) *Audio {
	return &Audio{sys: sys, Input: input, Output: output}
}

// OpenInput opens and starts the microphone. When there is none, the
// devices are listed again first, as PortAudio only sees devices plugged
// in since it started. The error wraps audio.ErrNoInput when there is
// still none.
func (d *Audio) OpenInput() (recorder.Source, error) {
	d.sys.Wait()
	c, err := device.OpenCapture(device.CaptureConfig{Device: d.Input})
	if errors.Is(err, audio.ErrNoInput) {
		if device.Reload() == nil {
			c, err = device.OpenCapture(device.CaptureConfig{Device: d.Input})
		}
	}
	if err != nil {
		return nil, err
	}
	return c, nil
}

// OpenPlayer prepares playback of mono samples at rate on the output.
func (d *Audio) OpenPlayer(samples []int16, rate int) (audio.Player, error) {
	d.sys.Wait()
	p, err := device.OpenPlayer(device.OutputConfig{Device: d.Output}, samples, rate)
	if err != nil {
		return nil, err
	}
	return p, nil
}

// OpenStream plays a take from its file, so the review needs little memory
// for a long one. It takes src over.
func (d *Audio) OpenStream(src audio.FrameSource, rate int) (audio.Player, error) {
	d.sys.Wait()
	p, err := device.OpenStream(device.OutputConfig{Device: d.Output}, src, rate)
	if err != nil {
		return nil, err
	}
	return p, nil
}

// Names lists the sound devices for the settings screen.
type Names struct{ sys *System }

// NewNames returns the device lister of sys.
func NewNames(sys *System) Names { return Names{sys} }

// names are the devices of the host API shown on this system, then those
// of the others, named "Name [API]" (device.Listing.Choices).
func (d Names) names(input bool) []string {
	d.sys.Wait()
	l, err := device.Devices()
	if err != nil {
		return nil
	}
	return l.Choices(input)
}

// Inputs lists the input devices.
func (d Names) Inputs() []string { return d.names(true) }

// Outputs lists the output devices.
func (d Names) Outputs() []string { return d.names(false) }
