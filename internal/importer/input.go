package importer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"appeal/internal/casefile"
)

// MaxInput is the largest input Read accepts, before and after pdftotext.
// An Urgent Action is a few pages; anything near this size is the wrong file.
const MaxInput = 5 << 20

// ErrNoPDFToText is returned for a PDF when pdftotext is not installed.
var ErrNoPDFToText = errors.New("reading a PDF needs pdftotext, which is not installed: install poppler-utils (apt install poppler-utils, dnf install poppler-utils, brew install poppler), or save the Urgent Action as text")

// Read reads an Urgent Action from r and returns it as UTF-8 text, with
// warnings for the person (an encoding guessed, for example). name is the
// file name for messages; when it ends in .pdf, or the data starts with
// %PDF, the data goes through pdftotext -layout. path, when not empty, is
// the file on disk that r reads (pdftotext then reads it directly).
func Read(name, path string, r io.Reader) (text string, warnings []string, err error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxInput+1))
	if err != nil {
		return "", nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(data) > MaxInput {
		return "", nil, casefile.Problems{{File: name, Msg: fmt.Sprintf("file is larger than %d MiB; an Urgent Action is a few pages: is this the right file?", MaxInput>>20)}}
	}
	if strings.HasSuffix(strings.ToLower(name), ".pdf") || bytes.HasPrefix(data, []byte("%PDF")) {
		if data, err = pdfToText(name, path, data); err != nil {
			return "", nil, err
		}
	}
	text, warnings, err = Decode(data)
	if err != nil {
		return "", nil, casefile.Problems{{File: name, Msg: err.Error()}}
	}
	for i, w := range warnings {
		warnings[i] = name + ": " + w
	}
	if strings.TrimSpace(text) == "" {
		return "", warnings, casefile.Problems{{File: name, Msg: "the file is empty"}}
	}
	return text, warnings, nil
}

// Decode turns the bytes of a text file into a string: UTF-8 (with or
// without a byte order mark), UTF-16 with a byte order mark (little or big
// endian), else Windows-1252, with a warning saying so.
func Decode(data []byte) (string, []string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil {
			return "", nil, fmt.Errorf("not valid UTF-16: %v", err)
		}
		return string(out), nil, nil
	}
	if utf8.Valid(data) {
		if bytes.IndexByte(data, 0) >= 0 {
			return "", nil, errors.New("holds NUL bytes: this is not a text file (UTF-16 needs a byte order mark)")
		}
		return string(data), nil, nil
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return "", nil, errors.New("holds NUL bytes: this is not a text file (UTF-16 needs a byte order mark)")
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return "", nil, err
	}
	return string(out), []string{"not valid UTF-8; read as Windows-1252: check the accented letters and quotes"}, nil
}

// pdfToText runs pdftotext -layout on the PDF (the file at path, else the
// data written to a temporary file).
func pdfToText(name, path string, data []byte) ([]byte, error) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		return nil, ErrNoPDFToText
	}
	if path == "" {
		f, err := os.CreateTemp("", "appeal-import-*.pdf")
		if err != nil {
			return nil, err
		}
		defer os.Remove(f.Name())
		_, err = f.Write(data)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, err
		}
		path = f.Name()
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, "-layout", "-enc", "UTF-8", path, "-")
	cmd.Stdout, cmd.Stderr = &limitWriter{w: &stdout, n: MaxInput + 1}, &limitWriter{w: &stderr, n: 4 << 10}
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, casefile.Problems{{File: name, Msg: "pdftotext could not read this PDF: " + firstLine(msg)}}
	}
	if stdout.Len() > MaxInput {
		return nil, casefile.Problems{{File: name, Msg: fmt.Sprintf("the PDF's text is larger than %d MiB; an Urgent Action is a few pages: is this the right file?", MaxInput>>20)}}
	}
	if strings.TrimSpace(stdout.String()) == "" {
		return nil, casefile.Problems{{File: name, Msg: "the PDF holds no text (a scan?); type the Urgent Action or run it through OCR first"}}
	}
	return stdout.Bytes(), nil
}

// limitWriter keeps at most n bytes and discards the rest, so that a
// runaway child process cannot fill memory.
type limitWriter struct {
	w io.Writer
	n int
}

func (l *limitWriter) Write(p []byte) (int, error) {
	if l.n <= 0 {
		return len(p), nil
	}
	q := p
	if len(q) > l.n {
		q = q[:l.n]
	}
	n, err := l.w.Write(q)
	l.n -= n
	if err != nil {
		return n, err
	}
	return len(p), nil
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
