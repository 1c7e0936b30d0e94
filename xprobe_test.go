package main

import (
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// xProbe says whether the X server of display (":N") takes a new client,
// as a line for a failing test's log: it opens a connection as any client
// does and reads the server's answer to the connection setup, whose
// refusal carries the server's reason ("Maximum number of clients
// reached", say). A window that never comes then says whether the server
// was there to open it on.
func xProbe(display string) string {
	host, rest, ok := strings.Cut(display, ":")
	if !ok || (host != "" && host != "unix") {
		return fmt.Sprintf("X display %q: not a local display, not probed", display)
	}
	num, _, _ := strings.Cut(rest, ".")
	path := filepath.Join("/tmp/.X11-unix", "X"+num)
	c, err := net.DialTimeout("unix", path, 5*time.Second)
	if err != nil && runtime.GOOS == "linux" {
		// Servers also listen on the abstract socket of that name.
		c, err = net.DialTimeout("unix", "@"+path, 5*time.Second)
	}
	if err != nil {
		return fmt.Sprintf("X display %s: cannot connect: %v", display, err)
	}
	defer c.Close()
	return fmt.Sprintf("X display %s: %s", display, xSetup(c))
}

// xSetup sends an X11 connection setup with no authorisation on c and
// describes the server's answer.
func xSetup(c net.Conn) string {
	c.SetDeadline(time.Now().Add(5 * time.Second))
	// Byte order (little-endian), protocol 11.0, no authorisation.
	req := []byte{'l', 0, 11, 0, 0, 0, 0, 0, 0, 0, 0, 0}
	if _, err := c.Write(req); err != nil {
		return fmt.Sprintf("connection setup not sent: %v", err)
	}
	head := make([]byte, 8)
	if _, err := io.ReadFull(c, head); err != nil {
		return fmt.Sprintf("no answer to the connection setup: %v", err)
	}
	switch head[0] {
	case 1:
		return "takes new clients"
	case 2:
		return "asks for authentication"
	case 0:
		reason := make([]byte, 4*int(binary.LittleEndian.Uint16(head[6:8])))
		n, _ := io.ReadFull(c, reason)
		reason = reason[:min(n, int(head[1]))]
		return fmt.Sprintf("refuses new clients: %q", reason)
	}
	return fmt.Sprintf("answered the connection setup with status %d", head[0])
}

// TestXSetupReadsRefusal: a server that refuses a client is reported with
// its reason, one that accepts as taking new clients.
func TestXSetupReadsRefusal(t *testing.T) {
	serve := func(reply []byte) net.Conn {
		a, b := net.Pipe()
		go func() {
			defer b.Close()
			io.ReadFull(b, make([]byte, 12))
			b.Write(reply)
		}()
		return a
	}
	reason := "Maximum number of clients reached"
	padded := (len(reason) + 3) / 4 * 4
	refusal := []byte{0, byte(len(reason)), 11, 0, 0, 0, byte(padded / 4), 0}
	refusal = append(refusal, reason...)
	refusal = append(refusal, make([]byte, padded-len(reason))...)
	if got, want := xSetup(serve(refusal)), `refuses new clients: "`+reason+`"`; got != want {
		t.Errorf("refusal: got %q, want %q", got, want)
	}
	if got := xSetup(serve([]byte{1, 0, 11, 0, 0, 0, 0, 0})); got != "takes new clients" {
		t.Errorf("success: got %q", got)
	}
}
