package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
)

// procMem is a process's resident set now and at its highest, in bytes.
type procMem struct {
	rss, hwm int64
}

// procRSS reads the resident set of process pid from /proc (Linux).
func procRSS(pid int) (procMem, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return procMem{}, fmt.Errorf("resident set: %w", err)
	}
	defer f.Close()
	return parseStatus(f)
}

// selfRSS is the resident set of this process.
func selfRSS() (int64, error) {
	m, err := procRSS(os.Getpid())
	return m.rss, err
}

// parseStatus reads VmRSS and VmHWM from the text of /proc/PID/status.
func parseStatus(r io.Reader) (procMem, error) {
	var m procMem
	var found int
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		key, val, ok := strings.Cut(sc.Text(), ":")
		if !ok || (key != "VmRSS" && key != "VmHWM") {
			continue
		}
		f := strings.Fields(val)
		if len(f) != 2 || f[1] != "kB" {
			return m, fmt.Errorf("resident set: unexpected %s line %q", key, sc.Text())
		}
		kb, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return m, fmt.Errorf("resident set: %s: %w", key, err)
		}
		if key == "VmRSS" {
			m.rss = kb << 10
		} else {
			m.hwm = kb << 10
		}
		found++
	}
	if err := sc.Err(); err != nil {
		return m, fmt.Errorf("resident set: %w", err)
	}
	if found != 2 {
		return m, errors.New("resident set: no VmRSS and VmHWM lines")
	}
	return m, nil
}

// clockTicks is the unit of the times in /proc/PID/stat: USER_HZ, which
// is 100 on every Linux system this runs on.
const clockTicks = 100

// procCPU reads the processor time (user and system) process pid has used.
func procCPU(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, fmt.Errorf("processor time: %w", err)
	}
	return parseStat(string(b))
}

// parseStat reads utime+stime from the text of /proc/PID/stat. The command
// name (field 2) may hold spaces and parentheses, so fields are counted
// from its last ')'.
func parseStat(s string) (time.Duration, error) {
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0, errors.New("processor time: no command name in stat")
	}
	f := strings.Fields(s[i+1:])
	// f[0] is field 3 (state); utime and stime are fields 14 and 15.
	if len(f) < 13 {
		return 0, errors.New("processor time: stat too short")
	}
	var ticks int64
	for _, v := range f[11:13] {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("processor time: %w", err)
		}
		ticks += n
	}
	return time.Duration(ticks) * time.Second / clockTicks, nil
}
