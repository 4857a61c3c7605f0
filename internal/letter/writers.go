package letter

import (
	"fmt"
	"slices"
	"strings"

	"appeal/internal/casefile"
	"appeal/internal/input"
	"appeal/internal/writers"
)

// Writers resolves the language of each writer of a writers file for the
// case c (see ChooseFor; flag is --lang, the same for every writer) and checks
// that each note is written in the script of its letter. file names the
// writers file in problems. The writers with a problem are left out of the
// result and reported, each with its line.
func Writers(c *casefile.Case, offered []string, flag, file string, ws []writers.Writer) ([]Writer, input.Problems) {
	var (
		out []Writer
		ps  input.Problems
	)
	for i := range ws {
		w := &ws[i]
		ch, err := ChooseFor(c, offered, flag, &w.Sender)
		if err != nil {
			ps = append(ps, input.Problem{File: file, Line: w.Line, Path: "language", Msg: err.Error()})
			continue
		}
		if msg := CheckNote(w.Note, ch.Lang); msg != "" {
			ps = append(ps, input.Problem{File: file, Line: w.Line, Path: "note", Msg: msg})
			continue
		}
		if bad := unknownRecipients(c, w.To); bad != "" {
			ps = append(ps, input.Problem{File: file, Line: w.Line, Path: "to", Msg: bad})
			continue
		}
		out = append(out, Writer{Sender: &w.Sender, Note: w.Note, To: w.To, Lang: ch})
	}
	return out, ps
}

// unknownRecipients says which of want the case has no recipient for, or
// "" when it has them all.
func unknownRecipients(c *casefile.Case, want []string) string {
	known := ids(c)
	var bad []string
	for _, id := range want {
		if !slices.Contains(known, id) {
			bad = append(bad, fmt.Sprintf("%q", id))
		}
	}
	if len(bad) == 0 {
		return ""
	}
	return fmt.Sprintf("no recipient %s in the case; its recipients are %s", strings.Join(bad, ", "), strings.Join(known, ", "))
}
