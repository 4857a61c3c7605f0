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
