// Package letter plans a run: which letters a case gives for a selection
// of recipients, a writer and a language, and the file each goes to. It is
// pure: no I/O, no rendering.
package letter

import (
	"crypto/sha256"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"

	"appeal/internal/casefile"
	"appeal/internal/output"
)

// Letter is one letter to write.
type Letter struct {
	Recipient casefile.Recipient
	Writer    *casefile.Sender // nil: blank sender block
	Note      string           // the writer's own sentence
	Lang      string
	Region    string // for dates and closings: "US" dates an English letter "March 14, 2017"
	Rule      Rule   // how Lang was chosen
	// Path is the file's path under the output directory, without extension:
	// <case-slug>/<lang>/<NN>-<recipient-id>, NN the recipient's place in the case.
	Path string
}

// Select returns the recipients named by spec, in case order. Each entry
// of spec is a recipient id or a role (to, copy, embassy); an empty spec
// selects every recipient.
func Select(c *casefile.Case, spec []string) ([]int, error) {
	if len(spec) == 0 {
		idx := make([]int, len(c.Recipients))
		for i := range idx {
			idx[i] = i
		}
		return idx, nil
	}
	want := map[int]bool{}
	for _, s := range spec {
		s = strings.TrimSpace(s)
		found := false
		for i, r := range c.Recipients {
			role := r.Role
			if role == "" {
				role = casefile.RoleTo
			}
			if r.ID == s || role == s {
				want[i], found = true, true
			}
		}
		if !found {
			return nil, fmt.Errorf("no recipient %q in the case; ids: %s; roles: to, copy, embassy", s, strings.Join(ids(c), ", "))
		}
	}
	var idx []int
	for i := range c.Recipients {
		if want[i] {
			idx = append(idx, i)
		}
	}
	return idx, nil
}

func ids(c *casefile.Case) []string {
	var out []string
	for _, r := range c.Recipients {
		out = append(out, r.ID)
	}
	return out
}

// Serves reports whether recipient r takes letters from writer w: an
// embassy serves the writers of the country it is in (the Kazakh embassy
// in London is written to from the United Kingdom), and is asked to pass
// the letter on to "the authorities of your country"; a writer elsewhere,
// or in the case's own country, writes to the authorities directly. Every
// recipient takes a letter from an unknown writer (a blank sender block).
func Serves(r casefile.Recipient, w *casefile.Sender) bool {
	return r.Role != casefile.RoleEmbassy || w == nil || w.Country == "" || w.Country == r.Country
}

// Plan lists the letters for the selected recipients (indexes into
// c.Recipients) from one writer in one language, leaving out the
// recipients that do not serve the writer (see Serves).
func Plan(c *casefile.Case, selected []int, writer *casefile.Sender, lang Choice) []Letter {
	slug := CaseSlug(c)
	out := make([]Letter, 0, len(selected))
	for _, i := range slices.Sorted(slices.Values(selected)) {
		r := c.Recipients[i]
		if !Serves(r, writer) {
			continue
		}
		name := fmt.Sprintf("%02d-%s", i+1, output.Slug(r.ID, "recipient"))
		out = append(out, Letter{
			Recipient: r,
			Writer:    writer,
			Lang:      lang.Lang,
			Region:    lang.Region,
			Rule:      lang.Rule,
			Path:      path.Join(slug, output.Slug(lang.Lang, "lang"), name),
		})
	}
	return out
}

// WriterFolder is how a writer's letters in a batch begin: the name as a
// slug and six hex digits of a digest of the name, postal address and
// e-mail: "jane-doe-3f9a1c".
func WriterFolder(s *casefile.Sender) string {
	h := sha256.New()
	for _, part := range append([]string{s.Name, s.Postcode, s.PostalCity(), s.Region, s.Country, s.Email}, s.Address...) {
		io.WriteString(h, strings.Join(strings.Fields(part), " "))
		h.Write([]byte{0})
	}
	return fmt.Sprintf("%s-%x", output.Slug(s.Name, "writer"), h.Sum(nil)[:3])
}

// WriterSep separates the writer from the recipient in a batch letter's
// file name, "jane-doe-3f9a1c--01-prosecutor-general": slugs never hold
// two hyphens in a row, so the writer is everything before the first.
const WriterSep = "--"

// WriterKey is who wrote a batch letter, read from its path (with or
// without the extension): "ua-115-16/ru/jane-doe-3f9a1c--01-prosecutor-general.pdf"
// -> "ua-115-16/ru/jane-doe-3f9a1c". A path without WriterSep gives its
// folder, which is what older batches, with a folder per writer, name.
func WriterKey(file string) string {
	dir, base := path.Split(file)
	if w, _, ok := strings.Cut(base, WriterSep); ok {
		return dir + w
	}
	return path.Dir(file)
}

// CaseSlug is the case's folder name, from its reference: "UA 115/16" -> "ua-115-16".
func CaseSlug(c *casefile.Case) string {
	return output.Slug(c.Reference, "case")
}

// Writer is one row of a writers file, with the language resolved.
type Writer struct {
	Sender *casefile.Sender
	Note   string
	To     []string // recipient ids; empty: every one selected
	Lang   Choice
}

// PlanBatch lists the letters of many writers to the selected recipients
// that serve them (see Serves), grouped by writer in the order given. Each
// letter's name begins with who the writer is, not where the row stands,
// so that inserting or reordering rows keeps every writer's letters:
// <case-slug>/<lang>/<writer-slug>-<id>--<NN>-<recipient-id>, where id is
// a digest of the writer's name, address and e-mail (two writers of one
// name differ in it). The letters of one language share a folder: a
// folder per writer made a batch half as fast on an ext4 disk, where
// making a folder costs more than writing a letter.
func PlanBatch(c *casefile.Case, selected []int, writers []Writer) []Letter {
	slug := CaseSlug(c)
	sel := slices.Sorted(slices.Values(selected))
	out := make([]Letter, 0, len(writers)*len(sel))
	for _, wr := range writers {
		folder := WriterFolder(wr.Sender)
		for _, i := range sel {
			r := c.Recipients[i]
			if !Serves(r, wr.Sender) || len(wr.To) > 0 && !slices.Contains(wr.To, r.ID) {
				continue
			}
			out = append(out, Letter{
				Recipient: r,
				Writer:    wr.Sender,
				Note:      wr.Note,
				Lang:      wr.Lang.Lang,
				Region:    wr.Lang.Region,
				Rule:      wr.Lang.Rule,
				Path:      path.Join(slug, output.Slug(wr.Lang.Lang, "lang"), fmt.Sprintf("%s%s%02d-%s", folder, WriterSep, i+1, output.Slug(r.ID, "recipient"))),
			})
		}
	}
	return out
}
