package render

import (
	"bufio"
	"io"
	"strings"
	"unicode/utf8"

	"appeal/internal/doc"
)

// Width is the column at which text letters are wrapped.
const Width = 72

// Text writes l as plain UTF-8 text wrapped at Width columns: sender,
// date, recipient, subject, salutation, body, closing, signature and the
// copy-to line, with a blank line between parts.
func Text(w io.Writer, l doc.Letter) error {
	bw := bufio.NewWriter(w)
	section := func(lines ...string) {
		for _, s := range lines {
			for _, line := range wrap(s, Width, "", "") {
				bw.WriteString(line + "\n")
			}
		}
		bw.WriteString("\n")
	}
	section(l.Sender...)
	section(l.Date)
	section(l.Recipient...)
	section(l.Subject)
	if l.Salutation != "" {
		section(l.Salutation)
	}
	for _, b := range l.Body {
		if b.Marker == "" {
			section(b.Text)
			continue
		}
		indent := strings.Repeat(" ", utf8.RuneCountInString(b.Marker)+1)
		for _, line := range wrap(b.Text, Width, b.Marker+" ", indent) {
			bw.WriteString(line + "\n")
		}
		bw.WriteString("\n")
	}
	for _, line := range wrap(l.Closing, Width, "", "") {
		bw.WriteString(line + "\n")
	}
	bw.WriteString("\n\n")
	for _, s := range l.Signature {
		bw.WriteString(s + "\n")
	}
	if l.CopyTo != "" {
		bw.WriteString("\n")
		for _, line := range wrap(l.CopyTo, Width, "", "    ") {
			bw.WriteString(line + "\n")
		}
	}
	return bw.Flush()
}

// wrap breaks s into lines of at most width runes, the first prefixed by
// first and the rest by rest. A word longer than a line stands alone.
func wrap(s string, width int, first, rest string) []string {
	var lines []string
	line, n := first, utf8.RuneCountInString(first)
	empty := true
	for _, word := range fields(s) {
		wn := utf8.RuneCountInString(word)
		if !empty && n+1+wn > width {
			lines = append(lines, line)
			line, n, empty = rest, utf8.RuneCountInString(rest), true
		}
		if !empty {
			line += " "
			n++
		}
		line += word
		n += wn
		empty = false
	}
	if !empty || len(lines) == 0 {
		lines = append(lines, strings.TrimRight(line, " "))
	}
	return lines
}

// MailText is l as the body of an e-mail: the salutation, the body, the
// closing and the writer's name, then the writer's postal address (which
// shows the letter is genuine) and the copy-to line. Paragraphs are single
// lines, as mail programs wrap them to the reader's window; the date and
// the recipient's address are left out, as the message's headers carry
// them.
func MailText(l doc.Letter) string {
	var b strings.Builder
	if l.Salutation != "" {
		b.WriteString(l.Salutation + "\n\n")
	}
	for i, bl := range l.Body {
		if bl.Marker != "" {
			b.WriteString(bl.Marker + " ")
		}
		b.WriteString(bl.Text + "\n")
		if i+1 < len(l.Body) && (bl.Marker == "" || l.Body[i+1].Marker == "") {
			b.WriteString("\n")
		}
	}
	b.WriteString("\n" + l.Closing + "\n")
	for _, s := range l.Signature {
		b.WriteString(s + "\n")
	}
	if len(l.Sender) > 1 {
		b.WriteString("\n")
		for _, s := range l.Sender[1:] {
			b.WriteString(s + "\n")
		}
	}
	if l.CopyTo != "" {
		b.WriteString("\n" + l.CopyTo + "\n")
	}
	return b.String()
}

// WrapText breaks each line of s into lines of at most width runes, at
// spaces: notes for translators in a terminal or a PO editor.
func WrapText(s string, width int) []string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		out = append(out, wrap(para, width, "", "")...)
	}
	return out
}
