package importer

import (
	"appeal/internal/input"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"
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
		return "", nil, input.Problems{{File: name, Msg: fmt.Sprintf("file is larger than %d MiB; an Urgent Action is a few pages: is this the right file?", MaxInput>>20)}}
	}
	if strings.HasSuffix(strings.ToLower(name), ".pdf") || bytes.HasPrefix(data, []byte("%PDF")) {
		if data, err = pdfToText(name, path, data); err != nil {
			return "", nil, err
		}
	}
	text, warnings, err = Decode(data)
	if err != nil {
		return "", nil, input.Problems{{File: name, Msg: err.Error()}}
	}
	for i, w := range warnings {
		warnings[i] = name + ": " + w
	}
	if strings.TrimSpace(text) == "" {
		return "", warnings, input.Problems{{File: name, Msg: "the file is empty"}}
	}
	return text, warnings, nil
}

// Decode turns the bytes of a text file into a string (see input.Decode),
// with a warning when it had to guess the encoding.
func Decode(data []byte) (string, []string, error) {
	text, warning, err := input.Decode(data)
	if err != nil {
		return "", nil, fmt.Errorf("%w; save the Urgent Action as text (UTF-8)", err)
	}
	if warning != "" {
		return string(text), []string{warning}, nil
	}
	return string(text), nil, nil
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
		return nil, input.Problems{{File: name, Msg: "pdftotext could not read this PDF: " + firstLine(msg)}}
	}
	if stdout.Len() > MaxInput {
		return nil, input.Problems{{File: name, Msg: fmt.Sprintf("the PDF's text is larger than %d MiB; an Urgent Action is a few pages: is this the right file?", MaxInput>>20)}}
	}
	if strings.TrimSpace(stdout.String()) == "" {
		return nil, input.Problems{{File: name, Msg: "the PDF holds no text (a scan?); type the Urgent Action or run it through OCR first"}}
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
