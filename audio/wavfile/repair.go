package wavfile

import (
	"encoding/binary"
	"fmt"
	"os"
)

// Repair rewrites the RIFF and data size fields of the WAV file at path from
// the file's real length, for a file whose writer died before it could patch
// them (Writer itself patches after every Write; other writers may not).
// The data chunk is taken to run to the end of the file, as Writer leaves
// it; bytes of a final partial frame are cut off. A zero byte after whole
// frames whose stated size is odd is the RIFF pad byte, not a sample: it
// stays, so a repaired file repairs to itself. A file whose sizes are
// already right is left untouched. Repair returns the Info of the repaired
// file as Open sees it.
func Repair(path string) (Info, error) {
	if err := repair(path); err != nil {
		return Info{}, err
	}
	r, err := Open(path)
	if err != nil {
		return Info{}, err
	}
	info := r.Info()
	if err := r.Close(); err != nil {
		return Info{}, err
	}
	return info, nil
}

// syncFile flushes a repaired file to disk. The fuzz test swaps it for a
// no-op: a flush per input made the fuzzer's workers stall for seconds.
var syncFile = (*os.File).Sync

func repair(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return fmt.Errorf("wavfile: repair: %w", err)
	}
	st, err := f.Stat()
	if err != nil {
		_ = f.Close()
		return fmt.Errorf("wavfile: repair: %w", err)
	}
	l, err := scan(f, st.Size(), path)
	if err == nil && l.blockAlign <= 0 {
		err = formatErr(path, hintBroken, "the header says frames of %d bytes", l.blockAlign)
	}
	if err != nil {
		_ = f.Close()
		return err
	}
	data := st.Size() - l.dataStart
	if d := int64(l.dataSize); d&1 == 1 && d+1 == data && d%int64(l.blockAlign) == 0 && zeroAt(f, st.Size()-1) {
		data = d // the last byte is the pad byte after an odd-sized chunk
	}
	data -= data % int64(l.blockAlign)
	end := l.dataStart + data
	if data&1 == 1 {
		end++ // RIFF pad byte after an odd-sized chunk
	}
	if end-8 > maxDataBytes {
		_ = f.Close()
		return formatErr(path, "split it with an audio editor", "%d bytes is too large for a WAV file", end)
	}
	le := binary.LittleEndian
	var b [4]byte
	if _, err := f.ReadAt(b[:], 4); err == nil && int64(le.Uint32(b[:])) == end-8 &&
		int64(l.dataSize) == data && end == st.Size() {
		if err := f.Close(); err != nil { // nothing to repair
			return fmt.Errorf("wavfile: repair: %w", err)
		}
		return nil
	}
	if end != st.Size() {
		err = f.Truncate(end) // cuts a partial frame, or adds the pad byte
	}
	if err == nil {
		le.PutUint32(b[:], uint32(end-8))
		_, err = f.WriteAt(b[:], 4)
	}
	if err == nil {
		le.PutUint32(b[:], uint32(data))
		_, err = f.WriteAt(b[:], l.dataStart-4)
	}
	if err == nil {
		err = syncFile(f)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("wavfile: repair: %w", err)
	}
	return nil
}

// zeroAt reports whether the byte of f at off is 0.
func zeroAt(f *os.File, off int64) bool {
	var b [1]byte
	_, err := f.ReadAt(b[:], off)
	return err == nil && b[0] == 0
}

// RepairTake repairs the file at path as Repair does and returns its
// sample rate and length in frames: the repair practice.Library.Recover is
// given (a practice.RepairFunc) for a take left unfinished.
func RepairTake(path string) (rate int, frames int64, err error) {
	info, err := Repair(path)
	if err != nil {
		return 0, 0, err
	}
	return info.SampleRate, info.Frames, nil
}
