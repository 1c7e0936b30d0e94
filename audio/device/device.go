// Package device is the only door to the sound hardware: it lists devices,
// captures mono 16-bit audio from an input and plays mono 16-bit audio to an
// output, through PortAudio. No other package imports PortAudio.
//
// # PortAudio lifetime
//
// PortAudio must be initialised before anything else. Init and Terminate
// take and drop one reference on it; main calls Init once at start and
// Terminate once at exit. Every open Capture and Player holds a reference of
// its own as well (taken by OpenCapture/OpenPlayer and dropped by Close), so
// they also work when nobody called Init, and PortAudio is never torn down
// under an open stream. The device list is read when PortAudio is first
// initialised; PortAudio has no hot-plug support, so a device plugged in
// later shows up only after every reference was dropped and PortAudio was
// initialised again (not while a stream is open).
//
// All calls into PortAudio's global state (initialisation, device lists,
// opening and closing streams) are serialised by a package mutex, so the
// functions and methods here are safe for concurrent use.
//
// # Threads and goroutines
//
// A Capture reads with PortAudio's blocking Read on a goroutine of its own,
// watched by a second one; both live from OpenCapture until Close returns or
// the stream fails. A Player is a callback stream: PortAudio calls it on its
// own audio thread from OpenPlayer until Close returns. See Capture and
// Player for why, and for what happens when a device stops answering.
//
// # Race detector
//
// The PortAudio binding hands each stream's small integer id to C as a
// pointer. Built with -race (which turns on the runtime's pointer checks),
// a process dies with "checkptr: pointer arithmetic computed bad pointer
// value" when it opens its second stream. Release builds are unaffected.
// Race builds of the project turn that one check off for the binding alone:
// -gcflags=github.com/gordonklaus/portaudio=-d=checkptr=0 (scripts/test.sh
// does).
package device

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"

	"failforward/audio"

	"github.com/gordonklaus/portaudio"
)

// Info describes one device PortAudio offers.
type Info struct {
	Name              string  // name to pass as CaptureConfig.Device or OutputConfig.Device (see Arrange)
	PortAudioName     string  // PortAudio's own name for the device
	HostAPI           string  // PortAudio host API, e.g. "ALSA", "Core Audio", "MME"
	Index             int     // PortAudio's device index
	MaxInputChannels  int     // 0 for output-only devices
	MaxOutputChannels int     // 0 for input-only devices
	DefaultSampleRate float64 // the device's preferred rate in Hz
	DefaultInput      bool    // this is the default input of its host API
	DefaultOutput     bool    // this is the default output of its host API
}

// paMu serialises every call that touches PortAudio's global state: the
// binding keeps its reference count and device cache in unguarded globals.
var paMu sync.Mutex

// refs counts the references taken by Init (not those of open streams), so
// that Terminate can refuse to drop a reference it never took.
var refs int

// Init initialises PortAudio, taking one reference on it. Each successful
// Init must be matched by one Terminate.
func Init() error {
	paMu.Lock()
	defer paMu.Unlock()
	if err := portaudio.Initialize(); err != nil {
		return &opError{msg: "initialise audio", err: err}
	}
	refs++
	return nil
}

// Terminate drops the reference taken by Init. PortAudio shuts down when the
// last reference (including those of open captures and players) is gone.
func Terminate() error {
	paMu.Lock()
	defer paMu.Unlock()
	if refs == 0 {
		return errors.New("device: terminate without init")
	}
	refs--
	if err := portaudio.Terminate(); err != nil {
		return fmt.Errorf("device: terminate audio: %w", err)
	}
	return nil
}

// held counts the references taken by acquire and not yet released: the
// open streams (and a List in progress).
var held int

// acquire takes a PortAudio reference for a stream. Call with paMu held.
func acquire() error {
	if err := portaudio.Initialize(); err != nil {
		return &opError{msg: "initialise audio", err: err}
	}
	held++
	return nil
}

// release drops a reference taken by acquire. Call with paMu held.
func release() error {
	held--
	return portaudio.Terminate()
}

// Reload makes PortAudio read the device list again, so that a microphone
// plugged in after start-up can be found. PortAudio has no hot-plug support:
// this shuts it down and starts it again, which is only possible while no
// capture or player is open.
func Reload() error {
	paMu.Lock()
	defer paMu.Unlock()
	if held > 0 {
		return errors.New("device: cannot look for new devices while audio is open")
	}
	for i := 0; i < refs; i++ {
		if err := portaudio.Terminate(); err != nil {
			return fmt.Errorf("device: restart audio: %w", err)
		}
	}
	for i := 0; i < refs; i++ {
		if err := portaudio.Initialize(); err != nil {
			refs = i
			return fmt.Errorf("device: restart audio: %w", err)
		}
	}
	return nil
}

// List returns every device PortAudio offers, in PortAudio's order, named
// as PortAudio names them; Arrange makes the list to show from it. A
// system without any device gives an empty list and no error.
func List() ([]Info, error) {
	paMu.Lock()
	defer paMu.Unlock()
	if err := acquire(); err != nil {
		return nil, err
	}
	defer func() { _ = release() }()
	return list()
}

// Devices returns the device list to show on this system: List arranged
// for runtime.GOOS.
func Devices() (Listing, error) {
	infos, err := List()
	if err != nil {
		return Listing{}, err
	}
	return Arrange(runtime.GOOS, infos), nil
}

// list reads PortAudio's devices. Call with paMu held and a reference
// taken.
func list() ([]Info, error) {
	devs, err := portaudio.Devices()
	if err != nil {
		return nil, &opError{msg: "list devices", err: err}
	}
	infos := make([]Info, 0, len(devs))
	for _, d := range devs {
		info := Info{
			Name:              d.Name,
			PortAudioName:     d.Name,
			Index:             d.Index,
			MaxInputChannels:  d.MaxInputChannels,
			MaxOutputChannels: d.MaxOutputChannels,
			DefaultSampleRate: d.DefaultSampleRate,
		}
		if api := d.HostApi; api != nil {
			info.HostAPI = api.Name
			info.DefaultInput = api.DefaultInputDevice != nil && api.DefaultInputDevice.Index == d.Index
			info.DefaultOutput = api.DefaultOutputDevice != nil && api.DefaultOutputDevice.Index == d.Index
		}
		infos = append(infos, info)
	}
	return infos, nil
}

// deviceError is a user-readable error that still matches the sentinel
// (audio.ErrNoInput or audio.ErrNoOutput) and the PortAudio cause with
// errors.Is. Error is "device: " and msg; Message is msg alone.
type deviceError struct {
	msg   string
	kind  error
	cause error
}

func (e *deviceError) Error() string { return "device: " + e.msg }

// Message is what went wrong in words for people, without the package's
// prefix: the screens show it.
func (e *deviceError) Message() string { return e.msg }

// opError is a failure of the sound system: to start it, list its devices,
// or open or start an output stream. Error is "device: " and Message;
// Message says what failed and why, for people.
type opError struct {
	msg string // what failed
	err error  // why
}

func (e *opError) Error() string { return "device: " + e.Message() }

// Message is what failed and why, without the package's prefix.
func (e *opError) Message() string { return e.msg + ": " + e.err.Error() }

func (e *opError) Unwrap() error { return e.err }

func (e *deviceError) Unwrap() []error {
	if e.cause == nil {
		return []error{e.kind}
	}
	return []error{e.kind, e.cause}
}

// findDevice returns the device called name (or the default one, for "")
// that has an input (or an output), as Listing.Find finds it in the list
// Arrange makes for this system. Call with paMu held and a reference
// taken.
func findDevice(name string, input bool) (*portaudio.DeviceInfo, error) {
	kind, what := audio.ErrNoOutput, "audio output"
	if input {
		kind, what = audio.ErrNoInput, "microphone"
	}
	infos, err := list()
	if err != nil {
		return nil, err
	}
	info, ok := Arrange(runtime.GOOS, infos).Find(name, input)
	if !ok {
		if strings.TrimSpace(name) == "" {
			return nil, &deviceError{msg: "no " + what + " found", kind: kind}
		}
		return nil, &deviceError{msg: fmt.Sprintf("%s %q not found", what, name), kind: kind}
	}
	devs, err := portaudio.Devices()
	if err != nil {
		return nil, &opError{msg: "list devices", err: err}
	}
	for _, d := range devs {
		if d.Index == info.Index {
			return d, nil
		}
	}
	return nil, &deviceError{msg: fmt.Sprintf("%s %q not found", what, name), kind: kind}
}
