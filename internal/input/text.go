package input

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/runenames"

	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
)

// Control returns the first control character in s other than a line
// break or a tab: a terminal escape written as "\e[2J" in YAML, a NUL.
func Control(s string) (rune, bool) {
	for _, r := range s {
		if unicode.IsControl(r) && r != '\n' && r != '\t' && r != '\r' {
			return r, true
		}
	}
	return 0, false
}

// Unprintable is the message for text whose characters rs no letter can
// print: `"王伟" has characters the letter fonts cannot print (U+738B
// CJK UNIFIED IDEOGRAPH-738B, …)`, naming a font package that has them
// and --font, which names a font file.
func Unprintable(text string, rs []rune) string {
	var names []string
	for i, r := range rs {
		if i == 3 {
			names = append(names, "…")
			break
		}
		names = append(names, fmt.Sprintf("%U %s", r, RuneName(r)))
	}
	msg := fmt.Sprintf("%s has characters the letter font cannot print (%s); write them in Latin, Greek, Cyrillic or Arabic letters, as the person's documents in those scripts do", Quote(text), strings.Join(names, ", "))
	switch pkg := fontPackage(rs[0]); {
	case rs[0] > 0xFFFF:
		// Emoji and other characters beyond the Basic Multilingual Plane: no font helps.
	case pkg != "":
		msg += fmt.Sprintf(" (or install a TrueType font that has them, such as Debian's %s, or name one with --font FILE.ttf)", pkg)
	default:
		msg += " (or name a TrueType font that has them with --font FILE.ttf)"
	}
	return msg
}

// fontPackage names the Debian package of a TrueType font that has r (the
// fonts appeal embeds: not fonts-noto-cjk, whose fonts are CFF in .ttc
// collections), for the scripts names are most often written in, or "".
func fontPackage(r rune) string {
	switch {
	case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Bopomofo):
		return "fonts-droid-fallback"
	case unicode.In(r, unicode.Devanagari, unicode.Bengali, unicode.Gurmukhi, unicode.Gujarati, unicode.Tamil,
		unicode.Telugu, unicode.Kannada, unicode.Malayalam, unicode.Sinhala, unicode.Thai, unicode.Lao,
		unicode.Myanmar, unicode.Khmer, unicode.Ethiopic, unicode.Armenian, unicode.Georgian, unicode.Hebrew,
		unicode.Syriac, unicode.Thaana, unicode.Tibetan, unicode.Mongolian, unicode.Oriya):
		return "fonts-noto-core"
	}
	return ""
}

// RuneName is the Unicode name of r, for messages: "ARABIC LETTER SEEN".
func RuneName(r rune) string {
	if n := runenames.Name(r); n != "" && !strings.HasPrefix(n, "<") {
		return n
	}
	switch {
	case r == 0x1B:
		return "ESCAPE"
	case r == 0:
		return "NULL"
	case unicode.Is(unicode.Han, r):
		return fmt.Sprintf("CJK UNIFIED IDEOGRAPH-%04X", r)
	case unicode.Is(unicode.Hangul, r):
		return "HANGUL SYLLABLE"
	case unicode.IsControl(r):
		return "a control character"
	}
	return "unnamed"
}

// DecodeError is a file that is not text in an encoding Decode reads,
// with the line where that shows (0 for the whole file).
type DecodeError struct {
	Line int
	Msg  string
}

func (e *DecodeError) Error() string { return e.Msg }

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// Decode turns the bytes of a text file into UTF-8: UTF-8 with or without
// a byte order mark, UTF-16 with one (little or big endian), else
// Windows-1252, which the warning says. A file with NUL bytes is not text
// (a spreadsheet workbook, UTF-16 without a byte order mark), and UTF-8
// with a byte order mark must be valid: both give a *DecodeError, whose
// message the caller completes with what to do.
func Decode(data []byte) (text []byte, warning string, err error) {
	switch {
	case bytes.HasPrefix(data, bomUTF16LE):
		out, err := xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM).NewDecoder().Bytes(data[2:])
		return out, "", decodeErr(err)
	case bytes.HasPrefix(data, bomUTF16BE):
		out, err := xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM).NewDecoder().Bytes(data[2:])
		return out, "", decodeErr(err)
	}
	bom := bytes.HasPrefix(data, bomUTF8)
	data = bytes.TrimPrefix(data, bomUTF8)
	if i := bytes.IndexByte(data, 0); i >= 0 {
		switch {
		case bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("\xD0\xCF\x11\xE0")):
			return nil, "", &DecodeError{Msg: `this is a spreadsheet workbook or other document (.xlsx, .ods, .xls, .docx), not a text file`}
		case len(data) >= 2 && (data[0] == 0) != (data[1] == 0):
			return nil, "", &DecodeError{Msg: `this looks like UTF-16 text without a byte order mark`}
		default:
			return nil, "", &DecodeError{Line: lineAt(data, i), Msg: "not a text file (it holds a NUL byte)"}
		}
	}
	if utf8.Valid(data) {
		return data, "", nil
	}
	if bom {
		return nil, "", &DecodeError{Line: lineAt(data, invalidUTF8(data)), Msg: `the file starts with a UTF-8 byte order mark but is not valid UTF-8`}
	}
	if hasUTF8(data) {
		return mixedLines(data)
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	return out, "not UTF-8; read as Windows-1252: check the accented letters and quotes", decodeErr(err)
}

// hasUTF8 reports whether data holds a valid multi-byte UTF-8 sequence: a
// file in UTF-8 with a few bad lines, not a Windows-1252 file (whose
// accented letters almost never form one).
func hasUTF8(data []byte) bool {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if n > 1 && r != utf8.RuneError {
			return true
		}
		i += n
	}
	return false
}

// mixedLines reads a UTF-8 file line by line: the lines that are not
// UTF-8 are read as Windows-1252 (a row pasted from another program), and
// the warning names them.
func mixedLines(data []byte) ([]byte, string, error) {
	var out bytes.Buffer
	var bad []int
	for n, line := range bytes.SplitAfter(data, []byte("\n")) {
		if utf8.Valid(line) {
			out.Write(line)
			continue
		}
		dec, err := charmap.Windows1252.NewDecoder().Bytes(line)
		if err != nil {
			return nil, "", decodeErr(err)
		}
		out.Write(dec)
		bad = append(bad, n+1)
	}
	return out.Bytes(), fmt.Sprintf("UTF-8 but for %s %s, read as Windows-1252: check the accented letters there", plural(len(bad), "line", "lines"), lineList(bad)), nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// lineList writes line numbers as "3, 7 and 12", the first ten of them.
func lineList(ns []int) string {
	var s []string
	for i, n := range ns {
		if i == 10 {
			s = append(s, fmt.Sprintf("%d more", len(ns)-10))
			break
		}
		s = append(s, fmt.Sprint(n))
	}
	if len(s) == 1 {
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

func decodeErr(err error) error {
	if err == nil {
		return nil
	}
	return &DecodeError{Msg: fmt.Sprintf("not valid text: %v", err)}
}

func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// lineAt is the 1-based line of byte offset i of b.
func lineAt(b []byte, i int) int {
	return bytes.Count(b[:min(i, len(b))], []byte{'\n'}) + 1
}
