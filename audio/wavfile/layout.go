package wavfile

import (
	"encoding/binary"
	"io"
)

// Format tags of the fmt chunk.
const (
	tagPCM        = 0x0001
	tagFloat      = 0x0003
	tagExtensible = 0xFFFE
)

// maxChunks bounds the chunk walk so a hostile file cannot make it spin.
const maxChunks = 1024

// layout is where things are in a WAV file, found by walking its chunks up
// to the data chunk. Walking first lets every chunk size be checked against
// the file size before a decoder allocates anything on its word.
type layout struct {
	fileSize   int64
	format     uint16 // format tag; for extensible files, the sub-format's
	channels   int
	rate       int
	blockAlign int
	bits       int
	dataStart  int64  // offset of the first sample
	dataSize   uint32 // data size as the header states it
}

// available returns the number of whole frames the file really holds: the
// header's data size, cut to what exists on disk.
func (l layout) available() int64 {
	n := int64(l.dataSize)
	if rest := l.fileSize - l.dataStart; rest < n {
		n = rest
	}
	if n < 0 || l.blockAlign <= 0 {
		return 0
	}
	return n / int64(l.blockAlign)
}

// scan walks the chunks of the WAV file r (size bytes long) named path.
// It checks the structure only; whether the encoding is one this package
// decodes is checked by supported.
func scan(r io.ReaderAt, size int64, path string) (layout, error) {
	l := layout{fileSize: size}
	var riff [12]byte
	if n, _ := r.ReadAt(riff[:], 0); n < len(riff) || string(riff[0:4]) != "RIFF" || string(riff[8:12]) != "WAVE" {
		if n == 0 {
			return l, formatErr(path, hintBroken, "the file is empty")
		}
		return l, formatErr(path, "expected a RIFF/WAVE header; "+hintConvert, "not a WAV file")
	}
	le := binary.LittleEndian
	pos := int64(12)
	haveFmt := false
	for i := 0; ; i++ {
		var ch [8]byte
		if n, _ := r.ReadAt(ch[:], pos); n < len(ch) || i >= maxChunks {
			if !haveFmt {
				return l, formatErr(path, hintBroken, "no fmt chunk")
			}
			return l, formatErr(path, "the recording never started or the file is truncated", "no data chunk")
		}
		id, csize := string(ch[0:4]), int64(le.Uint32(ch[4:8]))
		if id == "data" {
			if !haveFmt {
				return l, formatErr(path, hintBroken, "data chunk before the fmt chunk")
			}
			l.dataStart, l.dataSize = pos+8, uint32(csize)
			return l, nil
		}
		if pos+8+csize > size {
			return l, formatErr(path, "the file is truncated or damaged", "%q chunk runs past the end of the file", id)
		}
		if id == "fmt " {
			if csize < 16 || csize > 4096 {
				return l, formatErr(path, hintBroken, "fmt chunk of %d bytes", csize)
			}
			f := make([]byte, csize)
			if _, err := r.ReadAt(f, pos+8); err != nil {
				return l, formatErr(path, hintBroken, "unreadable fmt chunk")
			}
			l.format = le.Uint16(f[0:])
			l.channels = int(le.Uint16(f[2:]))
			l.rate = int(le.Uint32(f[4:]))
			l.blockAlign = int(le.Uint16(f[12:]))
			l.bits = int(le.Uint16(f[14:]))
			if l.format == tagExtensible {
				if csize < 40 {
					return l, formatErr(path, hintBroken, "extensible fmt chunk of %d bytes", csize)
				}
				// The sub-format GUID starts at byte 24; its first two
				// bytes are the format tag it stands for.
				l.format = le.Uint16(f[24:])
			}
			haveFmt = true
		}
		pos += 8 + csize + csize&1
	}
}

// supported checks that l describes audio this package decodes.
func (l layout) supported(path string) error {
	switch l.format {
	case tagPCM:
	case tagFloat:
		if l.bits != 32 {
			return formatErr(path, hintConvert, "%d-bit float samples are not supported", l.bits)
		}
	default:
		return formatErr(path, hintConvert, "compressed or unknown encoding (format tag 0x%04x) is not supported", l.format)
	}
	switch {
	case l.channels < 1:
		return formatErr(path, hintBroken, "the header says %d channels", l.channels)
	case l.rate < 1:
		return formatErr(path, hintBroken, "the header says %d frames per second", l.rate)
	case l.bits != 8 && l.bits != 16 && l.bits != 24 && l.bits != 32:
		return formatErr(path, hintConvert, "%d-bit samples are not supported", l.bits)
	case l.blockAlign != l.channels*l.bits/8:
		return formatErr(path, hintConvert, "frames of %d bytes do not match %d channels of %d bits", l.blockAlign, l.channels, l.bits)
	}
	return nil
}
