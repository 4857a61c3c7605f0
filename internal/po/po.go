// Package po reads and writes gettext PO files, the format translators'
// tools (Poedit, Weblate, Crowdin) edit: entries with msgctxt, msgid and
// msgstr, notes for translators (#.), flags (#, fuzzy) and the previous
// msgid of a fuzzy entry (#|). Plural entries are not supported: appeal's
// templates choose plural forms themselves.
package po

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"appeal/internal/input"
)

// Entry is one message of a PO file. The header is the entry whose
// Context and ID are empty.
type Entry struct {
	Comment    string   // translator's comment (# ), lines joined with \n
	Extracted  string   // note for translators (#.), lines joined with \n
	References []string // #: lines, as written
	Flags      []string // #, fuzzy, ...
	PrevCtxt   string   // #| msgctxt: the context the fuzzy entry was translated from
	PrevID     string   // #| msgid: the msgid it was translated from
	Context    string   // msgctxt; "" when none
	HasContext bool     // msgctxt given (an empty msgctxt differs from none)
	ID         string
	Str        string

	Line    int // line of the entry's msgctxt, else msgid, in the file it was read from
	StrLine int // line of its msgstr
}

// Fuzzy reports whether e has the fuzzy flag: its translation needs review.
func (e *Entry) Fuzzy() bool {
	for _, f := range e.Flags {
		if f == "fuzzy" {
			return true
		}
	}
	return false
}

// IsHeader reports whether e is the header entry.
func (e *Entry) IsHeader() bool { return e.ID == "" && !e.HasContext }

// File is a PO file: its entries in order, the header (if any) among them.
type File struct {
	Entries []*Entry
}

// Header returns the value of the header field name ("Language"), or "".
func (f *File) Header(name string) string {
	for _, e := range f.Entries {
		if !e.IsHeader() {
			continue
		}
		for _, line := range strings.Split(e.Str, "\n") {
			k, v, ok := strings.Cut(line, ":")
			if ok && strings.EqualFold(strings.TrimSpace(k), name) {
				return strings.TrimSpace(v)
			}
		}
	}
	return ""
}

// NewHeader makes a header entry of fields, each a name and a value, in order.
func NewHeader(fields ...[2]string) *Entry {
	var b strings.Builder
	for _, f := range fields {
		b.WriteString(f[0] + ": " + f[1] + "\n")
	}
	return &Entry{Str: b.String()}
}

// Write writes f in the form gettext's tools write: one blank line
// between entries, strings with more than one line as "" followed by one
// line per segment, each ending in \n.
func Write(w io.Writer, f *File) error {
	bw := bufio.NewWriter(w)
	for i, e := range f.Entries {
		if i > 0 {
			bw.WriteString("\n")
		}
		writeComment(bw, "# ", e.Comment)
		writeComment(bw, "#. ", e.Extracted)
		for _, r := range e.References {
			bw.WriteString("#: " + r + "\n")
		}
		if len(e.Flags) > 0 {
			bw.WriteString("#, " + strings.Join(e.Flags, ", ") + "\n")
		}
		if e.PrevCtxt != "" {
			writeString(bw, "#| ", "msgctxt", e.PrevCtxt)
		}
		if e.PrevID != "" {
			writeString(bw, "#| ", "msgid", e.PrevID)
		}
		if e.HasContext {
			writeString(bw, "", "msgctxt", e.Context)
		}
		writeString(bw, "", "msgid", e.ID)
		writeString(bw, "", "msgstr", e.Str)
	}
	return bw.Flush()
}

func writeComment(w *bufio.Writer, prefix, text string) {
	if text == "" {
		return
	}
	for _, line := range strings.Split(text, "\n") {
		if line == "" {
			w.WriteString(strings.TrimRight(prefix, " ") + "\n")
			continue
		}
		w.WriteString(prefix + line + "\n")
	}
}

func writeString(w *bufio.Writer, prefix, keyword, s string) {
	segs := segments(s)
	if len(segs) <= 1 {
		w.WriteString(prefix + keyword + " " + Quote(s) + "\n")
		return
	}
	w.WriteString(prefix + keyword + ` ""` + "\n")
	for _, seg := range segs {
		w.WriteString(prefix + Quote(seg) + "\n")
	}
}

// segments splits s after each \n.
func segments(s string) []string {
	var out []string
	for s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			out = append(out, s)
			break
		}
		out = append(out, s[:i+1])
		s = s[i+1:]
	}
	return out
}

// Quote returns s as a C string literal as PO files write it.
func Quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		case '\a':
			b.WriteString(`\a`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\v':
			b.WriteString(`\v`)
		default:
			if c < 0x20 || c == 0x7f {
				fmt.Fprintf(&b, `\%03o`, c)
			} else {
				b.WriteByte(c)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// Parse reads a PO file; name is the file's name in error messages, which
// read "NAME:LINE: what is wrong". Obsolete entries (#~) are skipped.
func Parse(data []byte, name string) (*File, error) {
	p := &parser{name: name}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalid(data)], []byte("\n"))
		return nil, p.errAt(line, "not UTF-8: save the file as UTF-8")
	}
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		if err := p.line(i+1, strings.TrimSuffix(l, "\r")); err != nil {
			return nil, err
		}
	}
	if err := p.finish(len(lines)); err != nil {
		return nil, err
	}
	return &p.file, nil
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

type parser struct {
	name string
	file File
	cur  *Entry
	// where continuation lines ("...") go: the last keyword seen
	target *string
	prev   bool // target is a #| string
	// the lines of the entry's # and #. comments so far
	comments, extracted []string
	state               int // stateComments, stateCtxt, stateID, stateStr
	seen                map[[2]string]int
}

const (
	stateNone = iota
	stateComments
	stateCtxt
	stateID
	stateStr
)

func (p *parser) errAt(line int, format string, args ...any) error {
	return input.Problems{{File: p.name, Line: line, Msg: fmt.Sprintf(format, args...)}}
}

// entry returns the entry being read, starting a new one after a msgstr.
func (p *parser) entry(line int) (*Entry, error) {
	if p.state == stateStr {
		if err := p.finish(line); err != nil {
			return nil, err
		}
	}
	if p.cur == nil {
		p.cur = &Entry{}
		p.state = stateComments
		p.comments, p.extracted = nil, nil
	}
	return p.cur, nil
}

// finish ends the current entry at line.
func (p *parser) finish(line int) error {
	e := p.cur
	if e == nil {
		return nil
	}
	switch p.state {
	case stateComments:
		if e.PrevID != "" || e.PrevCtxt != "" || len(e.Flags) > 0 || len(e.References) > 0 || e.Extracted != "" {
			return p.errAt(line, "comments with no entry after them")
		}
		p.cur, p.state, p.target = nil, stateNone, nil
		return nil
	case stateCtxt:
		return p.errAt(e.Line, "msgctxt without msgid")
	case stateID:
		return p.errAt(e.Line, "msgid without msgstr")
	}
	key := [2]string{e.Context, e.ID}
	if e.HasContext {
		key[0] = "\x04" + e.Context
	}
	if p.seen == nil {
		p.seen = map[[2]string]int{}
	}
	if first, dup := p.seen[key]; dup {
		what := "header"
		if !e.IsHeader() {
			what = fmt.Sprintf("entry msgctxt %s msgid %s", Quote(e.Context), Quote(short(e.ID)))
		}
		return p.errAt(e.Line, "%s again (first at line %d)", what, first)
	}
	p.seen[key] = e.Line
	p.file.Entries = append(p.file.Entries, e)
	p.cur, p.state, p.target = nil, stateNone, nil
	return nil
}

func short(s string) string {
	if r := []rune(s); len(r) > 30 {
		return string(r[:30]) + "…"
	}
	return s
}

func (p *parser) line(n int, l string) error {
	t := strings.TrimSpace(l)
	switch {
	case t == "":
		return nil
	case strings.HasPrefix(t, "#~"):
		return nil // obsolete entry
	case strings.HasPrefix(t, "#|"):
		return p.previous(n, strings.TrimSpace(t[2:]))
	case strings.HasPrefix(t, "#"):
		return p.comment(n, t)
	case strings.HasPrefix(t, `"`):
		if p.target == nil || p.prev {
			return p.errAt(n, "string with no msgctxt, msgid or msgstr before it")
		}
		s, err := p.unquote(n, t)
		if err != nil {
			return err
		}
		*p.target += s
		return nil
	}
	kw, rest := t, ""
	if i := strings.IndexAny(t, " \t\""); i >= 0 {
		kw, rest = t[:i], strings.TrimSpace(t[i:])
	}
	switch {
	case kw == "msgid_plural" || strings.HasPrefix(kw, "msgstr["):
		return p.errAt(n, "%s: plural entries are not used by appeal's templates", kw)
	case kw == "msgctxt":
		e, err := p.entry(n)
		if err != nil {
			return err
		}
		if p.state != stateComments {
			return p.errAt(n, "msgctxt inside an entry: each entry has one, before its msgid")
		}
		s, err := p.unquote(n, rest)
		if err != nil {
			return err
		}
		e.Context, e.HasContext, e.Line = s, true, n
		p.state, p.target, p.prev = stateCtxt, &e.Context, false
	case kw == "msgid":
		e, err := p.entry(n)
		if err != nil {
			return err
		}
		if p.state == stateID {
			return p.errAt(n, "msgid again: the one before has no msgstr")
		}
		s, err := p.unquote(n, rest)
		if err != nil {
			return err
		}
		if !e.HasContext {
			e.Line = n
		}
		e.ID = s
		p.state, p.target, p.prev = stateID, &e.ID, false
	case kw == "msgstr":
		if p.cur == nil || p.state != stateID {
			return p.errAt(n, "msgstr without msgid before it")
		}
		s, err := p.unquote(n, rest)
		if err != nil {
			return err
		}
		p.cur.Str, p.cur.StrLine = s, n
		p.state, p.target, p.prev = stateStr, &p.cur.Str, false
	default:
		return p.errAt(n, "%q: want msgctxt, msgid, msgstr, a \"string\" or a # comment", short(kw))
	}
	return nil
}

func (p *parser) comment(n int, t string) error {
	e, err := p.entry(n)
	if err != nil {
		return err
	}
	if p.state != stateComments {
		return p.errAt(n, "comment inside an entry: comments go before msgctxt and msgid")
	}
	p.target = nil
	body := func(s string) string { return strings.TrimPrefix(s, " ") }
	switch {
	case strings.HasPrefix(t, "#."):
		p.extracted = append(p.extracted, body(t[2:]))
		e.Extracted = strings.Join(p.extracted, "\n")
	case strings.HasPrefix(t, "#:"):
		e.References = append(e.References, strings.TrimSpace(t[2:]))
	case strings.HasPrefix(t, "#,"):
		for _, f := range strings.Split(t[2:], ",") {
			if f = strings.TrimSpace(f); f != "" {
				e.Flags = append(e.Flags, f)
			}
		}
	default:
		p.comments = append(p.comments, body(t[1:]))
		e.Comment = strings.Join(p.comments, "\n")
	}
	return nil
}

// previous reads a #| line: msgctxt, msgid, or a continuation string.
func (p *parser) previous(n int, t string) error {
	e, err := p.entry(n)
	if err != nil {
		return err
	}
	if p.state != stateComments {
		return p.errAt(n, "#| inside an entry: it goes before msgctxt and msgid")
	}
	kw, rest, _ := strings.Cut(t, " ")
	switch {
	case strings.HasPrefix(t, `"`):
		if p.target == nil || !p.prev {
			return p.errAt(n, "#| string with no #| msgctxt or msgid before it")
		}
		s, err := p.unquote(n, t)
		if err != nil {
			return err
		}
		*p.target += s
		return nil
	case kw == "msgctxt":
		s, err := p.unquote(n, strings.TrimSpace(rest))
		if err != nil {
			return err
		}
		e.PrevCtxt, p.target, p.prev = s, &e.PrevCtxt, true
	case kw == "msgid":
		s, err := p.unquote(n, strings.TrimSpace(rest))
		if err != nil {
			return err
		}
		e.PrevID, p.target, p.prev = s, &e.PrevID, true
	case kw == "msgid_plural":
		p.target, p.prev = nil, true
	default:
		return p.errAt(n, "#| %q: want msgctxt or msgid", short(kw))
	}
	return nil
}

// unquote reads one "C string" that must fill t (spaces around it aside).
func (p *parser) unquote(n int, t string) (string, error) {
	if !strings.HasPrefix(t, `"`) {
		return "", p.errAt(n, "want a \"quoted string\", have %q", short(t))
	}
	var b strings.Builder
	for i := 1; i < len(t); i++ {
		c := t[i]
		switch c {
		case '"':
			if rest := strings.TrimSpace(t[i+1:]); rest != "" {
				return "", p.errAt(n, "%q after the closing quote (a \" inside a string is written \\\")", short(rest))
			}
			return b.String(), nil
		case '\\':
			i++
			if i >= len(t) {
				return "", p.errAt(n, "string ends in a backslash")
			}
			switch e := t[i]; e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case 'a':
				b.WriteByte('\a')
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'v':
				b.WriteByte('\v')
			case '"', '\\', '\'', '?':
				b.WriteByte(e)
			case '0', '1', '2', '3', '4', '5', '6', '7':
				v, j := 0, i
				for ; j < len(t) && j < i+3 && t[j] >= '0' && t[j] <= '7'; j++ {
					v = v*8 + int(t[j]-'0')
				}
				if v > 0x7f {
					return "", p.errAt(n, "\\%s: octal escapes above \\177 are not UTF-8; write the character itself", t[i:j])
				}
				b.WriteByte(byte(v))
				i = j - 1
			default:
				return "", p.errAt(n, "unknown escape \\%c (use \\n, \\t, \\\" or \\\\)", e)
			}
		default:
			b.WriteByte(c)
		}
	}
	return "", p.errAt(n, "string not closed: a \" is missing at the end of the line")
}
