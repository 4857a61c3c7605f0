package render

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"appeal/internal/casefile"
	"appeal/internal/doc"
	"appeal/internal/input"
)

// Piece renders one piece of lang's letter.tmpl (subject-2, lead-in,
// body, …) for d as a letter prints it, in the language's typography: a
// subject, opening, request or lead-in on one line; the body as paragraphs
// separated by blank lines, list items with their marker. The body prints
// d.Opening and d.Request as they are.
func (r *Renderer) Piece(lang, piece string, d Data) (string, error) {
	l, ok := r.langs[lang]
	if !ok {
		return "", fmt.Errorf("no templates for language %q; available: %s", lang, strings.Join(r.Languages(), ", "))
	}
	if l.tmpl.Lookup(piece) == nil {
		return "", fmt.Errorf("no piece %q in the %s templates", piece, lang)
	}
	s, err := execute(l.tmpl, piece, d)
	if err != nil {
		return "", err
	}
	ty := l.locale.Typography
	if piece != "body" {
		return ty.set(oneLine(s)), nil
	}
	var paras []string
	for _, b := range blocks(s, d.Demands) {
		p := ty.set(b.Text)
		if b.Marker != "" {
			p = b.Marker + " " + p
		}
		paras = append(paras, p)
	}
	return strings.Join(paras, "\n\n"), nil
}

// PreviewInput is what appeal templates preview shows a translation with.
type PreviewInput struct {
	Case          *casefile.Case
	CaseName      string           // how the intro names the case: a file, or "built-in example"
	Sender        *casefile.Sender // the writer of the "with sender" renderings
	Lang, Against string           // the translation, and the language it is set beside
	Date          time.Time        // the sample day of the date
}

var previewRoles = []string{casefile.RoleTo, casefile.RoleCopy, casefile.RoleEmbassy}

// Preview sets every piece of lang's templates beside the same piece of
// against, rendered for the case, in the order of a letter: each wording
// of the subject and the opening, the lead-in, each request, the body, and
// then the fixed strings of locale.yaml. A piece that reads differently
// for the recipient's role or without a sender gets a row for each; each
// piece carries its note for translators and, when the translation is
// stale or not stamped, a mark saying so.
func (r *Renderer) Preview(in PreviewInput) (doc.Parallel, error) {
	for _, lang := range []string{in.Lang, in.Against} {
		if !r.Has(lang) {
			return doc.Parallel{}, fmt.Errorf("no letter templates in %q; there are %s", lang, strings.Join(r.Languages(), ", "))
		}
	}
	langs := []string{in.Against, in.Lang}
	recips := previewRecipients(in.Case)
	// data[i][role][0 with sender, 1 without]
	var data [2]map[string][2]Data
	for i, lang := range langs {
		data[i] = map[string][2]Data{}
		for _, role := range previewRoles {
			var ds [2]Data
			for k, s := range []*casefile.Sender{in.Sender, nil} {
				d, err := r.Data(Input{Case: in.Case, Recipient: recips[role], Sender: s, Lang: lang, Date: in.Date})
				if err != nil {
					return doc.Parallel{}, fmt.Errorf("%s: %w", lang, err)
				}
				ds[k] = d
			}
			data[i][role] = ds
		}
	}
	out := doc.Parallel{
		Lang:      in.Lang,
		Title:     fmt.Sprintf("%s (%s) beside %s (%s): every piece of the letter", input.LanguageName(in.Lang), in.Lang, input.LanguageName(in.Against), in.Against),
		Left:      in.Against,
		Right:     in.Lang,
		LeftHead:  fmt.Sprintf("%s (%s)", input.LanguageName(in.Against), in.Against),
		RightHead: fmt.Sprintf("%s (%s)", input.LanguageName(in.Lang), in.Lang),
		PageOf:    "Page %d of %d",
	}
	out.Intro = append(out.Intro, fmt.Sprintf("Case: %s (%s).", in.Case.Reference, in.CaseName))
	var who []string
	for _, role := range previewRoles {
		who = append(who, role+": "+recipientName(recips[role], "en"))
	}
	out.Intro = append(out.Intro, "Recipients by role: "+strings.Join(who, "; ")+".")
	if in.Sender != nil {
		out.Intro = append(out.Intro, fmt.Sprintf("Writer: %s; \"no sender\" rows are the letter printed with blanks to fill in by hand.", in.Sender.Name))
	}
	out.Intro = append(out.Intro, "A piece that reads differently by the recipient's role, or without a writer, has a row for each.")

	stale := map[string][]string{}
	for _, lang := range langs {
		for _, f := range r.stale(lang) {
			kind, msg, _ := strings.Cut(f.Msg, ": ")
			stale[f.Piece] = append(stale[f.Piece], fmt.Sprintf("%s (%s): %s", strings.ToUpper(kind), lang, strings.ReplaceAll(msg, "\n    ", "\n")))
		}
	}
	for _, piece := range r.previewPieces(in.Lang, in.Against) {
		sec := doc.Section{Heading: piece, Marks: stale[piece], Note: r.Note(in.Lang, piece)}
		if piece == "body" {
			var cells [2]string
			for i, lang := range langs {
				d := data[i][casefile.RoleTo][0]
				d.Opening = r.rawPiece(lang, r.first(lang, "opening"), d)
				d.Request = r.rawPiece(lang, r.first(lang, "request"), d)
				cells[i] = r.cell(lang, piece, d)
			}
			sec.Rows = []doc.Row{{Label: "role to, with sender; the first opening and request", Left: cells[0], Right: cells[1]}}
			out.Sections = append(out.Sections, sec)
			continue
		}
		// cells[role][sender] = [left, right]
		cells := map[string][2][2]string{}
		for _, role := range previewRoles {
			var c [2][2]string
			for k := range 2 {
				for i, lang := range langs {
					c[k][i] = r.cell(lang, piece, data[i][role][k])
				}
			}
			cells[role] = c
		}
		byRole, bySender := false, false
		for _, role := range previewRoles {
			bySender = bySender || cells[role][0] != cells[role][1]
			byRole = byRole || cells[role] != cells[previewRoles[0]]
		}
		roles := previewRoles
		if !byRole {
			roles = roles[:1]
		}
		senders := 1
		if bySender {
			senders = 2
		}
		for k := range senders {
			// Roles that read the same share a row: "role copy, embassy".
			var groups [][]string
			for _, role := range roles {
				i := slices.IndexFunc(groups, func(g []string) bool { return cells[g[0]][k] == cells[role][k] })
				if i < 0 {
					groups = append(groups, []string{role})
				} else {
					groups[i] = append(groups[i], role)
				}
			}
			for _, g := range groups {
				var label []string
				if byRole {
					label = append(label, "role "+strings.Join(g, ", "))
				}
				if bySender {
					label = append(label, [2]string{"with sender", "no sender"}[k])
				}
				c := cells[g[0]][k]
				sec.Rows = append(sec.Rows, doc.Row{Label: strings.Join(label, "; "), Left: c[0], Right: c[1]})
			}
		}
		for _, row := range sec.Rows {
			for _, s := range []string{row.Left, row.Right} {
				if strings.HasPrefix(s, "ERROR: ") && !slices.Contains(sec.Marks, "the piece fails: see the row") {
					sec.Marks = append(sec.Marks, "the piece fails: see the row")
				}
			}
		}
		out.Sections = append(out.Sections, sec)
	}
	fixed, err := r.fixedStrings(in, langs, recips[casefile.RoleTo])
	if err != nil {
		return doc.Parallel{}, err
	}
	out.Sections = append(out.Sections, fixed...)
	return out, nil
}

// previewRecipients picks a recipient for each role: the case's first of
// that role, else its first "to" recipient (else its first) in that role.
func previewRecipients(c *casefile.Case) map[string]casefile.Recipient {
	out := map[string]casefile.Recipient{}
	for _, rc := range c.Recipients {
		role := rc.Role
		if role == "" {
			role = casefile.RoleTo
		}
		if _, ok := out[role]; !ok {
			out[role] = rc
		}
	}
	base, ok := out[casefile.RoleTo]
	if !ok && len(c.Recipients) > 0 {
		base = c.Recipients[0]
	}
	for _, role := range previewRoles {
		if _, ok := out[role]; !ok {
			rc := base
			rc.Role = role
			out[role] = rc
		}
	}
	return out
}

func recipientName(rc casefile.Recipient, lang string) string {
	name := joinNonEmpty(", ", oneLine(textIn(rc.Name, lang)), oneLine(textIn(rc.Title, lang)))
	if name == "" {
		name = oneLine(textIn(rc.Organisation, lang))
	}
	if name == "" {
		name = rc.ID
	}
	return name
}

// previewPieces lists the pieces of either language in the order of a
// letter: subjects, openings, the lead-in, requests, the body.
func (r *Renderer) previewPieces(langs ...string) []string {
	set := map[string]bool{}
	for _, lang := range langs {
		for _, p := range r.Pieces(lang) {
			set[p] = true
		}
	}
	rank := func(p string) (int, int) {
		for i, g := range []string{"subject", "opening", "lead-in", "request", "body"} {
			if p == g {
				return i, 0
			}
			if n, ok := strings.CutPrefix(p, g+"-"); ok {
				k, err := strconv.Atoi(n)
				if err != nil {
					k = 1 << 20
				}
				return i, k
			}
		}
		return 9, 0
	}
	out := make([]string, 0, len(set))
	for p := range set {
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b string) int {
		ga, na := rank(a)
		gb, nb := rank(b)
		if ga != gb {
			return ga - gb
		}
		if na != nb {
			return na - nb
		}
		return strings.Compare(a, b)
	})
	return out
}

// cell is piece rendered for d, or what stands in its place.
func (r *Renderer) cell(lang, piece string, d Data) string {
	if r.langs[lang].tmpl.Lookup(piece) == nil {
		return "(no " + piece + " in " + lang + ")"
	}
	s, err := r.Piece(lang, piece, d)
	if err != nil {
		return "ERROR: " + err.Error()
	}
	return s
}

// rawPiece is piece as Letter puts it into the body: on one line, before
// the body's typography.
func (r *Renderer) rawPiece(lang, piece string, d Data) string {
	s, err := execute(r.langs[lang].tmpl, piece, d)
	if err != nil {
		return "ERROR: " + err.Error()
	}
	return oneLine(s)
}

func (r *Renderer) first(lang, group string) string {
	if v := r.langs[lang].variants[group]; len(v) > 0 {
		return v[0]
	}
	return group + "-1"
}

// fixedStrings are the sections of locale.yaml's strings, as a letter to
// rc prints them.
func (r *Renderer) fixedStrings(in PreviewInput, langs []string, rc casefile.Recipient) ([]doc.Section, error) {
	type value struct{ key, label, text string }
	var cols [2][]value
	for i, lang := range langs {
		loc := r.langs[lang].locale
		withSender, err := r.Letter(Input{Case: in.Case, Recipient: rc, Sender: in.Sender, Lang: lang, Date: in.Date, SameText: true})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", lang, err)
		}
		blank, err := r.Letter(Input{Case: in.Case, Recipient: rc, Lang: lang, Date: in.Date, SameText: true})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", lang, err)
		}
		title := salutationTitle(rc, lang)
		name := oneLine(textIn(rc.Name, lang))
		pattern := func(p, instead string) string {
			if p == "" {
				return "(empty: " + instead + ")"
			}
			return strings.NewReplacer("{title}", title, "{name}", name).Replace(p)
		}
		orEmpty := func(s, instead string) string {
			if s == "" {
				return "(empty: " + instead + ")"
			}
			return s
		}
		copyTo := withSender.CopyTo
		if copyTo == "" {
			copyTo = loc.CopyTo
		}
		cols[i] = []value{
			{"date", "a sample day", withSender.Date},
			{"salutation.male", "{title}: " + title, pattern(loc.Salutation.Male, "")},
			{"salutation.female", "{title}: " + title, pattern(loc.Salutation.Female, "")},
			{"salutation.unknown", "{title}: " + title, pattern(loc.Salutation.Unknown, "the case must give a gender or a salutation")},
			{"salutation.named", "{name}: " + name, pattern(loc.Salutation.Named, "salutation.untitled is used")},
			{"salutation.untitled", "", pattern(loc.Salutation.Untitled, "no salutation line")},
			{"greeting", "", orEmpty(loc.Greeting, "no greeting line")},
			{"closing", "", loc.Closing},
			{"closing_untitled", "", orEmpty(loc.ClosingUntitled, "closing is used")},
			{"copy_to", "", copyTo},
			{"care_of", "", loc.CareOf},
			{"page_of", "", fmt.Sprintf(loc.PageOf, 1, 2)},
			{"authorities", "", orEmpty(strings.ReplaceAll(loc.Authorities, "{country}", loc.countryAlone(in.Case.Country, lang)), "the case must give authorities")},
			{"place", "", orEmpty(r.placeOf(in, lang, loc), "no writer")},
			{"blank_sender", "", strings.Join(blank.Sender, "\n")},
			{"blank_signature", "", strings.Join(blank.Signature, "\n")},
		}
	}
	var out []doc.Section
	for j, v := range cols[1] {
		label := v.label
		if l := cols[0][j].label; l != label {
			label = l + " / " + label[strings.Index(label, ":")+2:]
		}
		out = append(out, doc.Section{
			Heading: v.key + " (locale.yaml)",
			Note:    r.Note(in.Lang, v.key),
			Rows:    []doc.Row{{Label: label, Left: cols[0][j].text, Right: v.text}},
		})
	}
	return out, nil
}

// placeOf is where the preview's writer lives, as the locale's place
// pattern names it.
func (r *Renderer) placeOf(in PreviewInput, lang string, loc Locale) string {
	if in.Sender == nil {
		return ""
	}
	return senderData(in.Sender, lang, loc, in.Case.Country).Place
}

// ParallelWidth is the column at which WriteParallel wraps.
const ParallelWidth = 100

// WriteParallel writes p as plain text wrapped at ParallelWidth columns,
// the two texts of each row stacked, each line led by its language tag.
func WriteParallel(w io.Writer, p doc.Parallel) error {
	bw := bufio.NewWriter(w)
	line := func(s string) { bw.WriteString(strings.TrimRight(s, " ") + "\n") }
	para := func(s, first, rest string) {
		for _, l := range wrap(s, ParallelWidth, first, rest) {
			line(l)
		}
	}
	line(p.Title)
	for _, s := range p.Intro {
		para(s, "", "  ")
	}
	tagW := max(utf8.RuneCountInString(p.Left), utf8.RuneCountInString(p.Right)) + 2
	for _, sec := range p.Sections {
		line("")
		head := "== " + sec.Heading + " "
		line(head + strings.Repeat("=", max(3, ParallelWidth-utf8.RuneCountInString(head))))
		for _, m := range sec.Marks {
			for i, l := range strings.Split(m, "\n") {
				if i == 0 {
					para(l, "!! ", "   ")
				} else {
					para(l, "   ", "   ")
				}
			}
		}
		if sec.Note != "" {
			for i, l := range strings.Split(sec.Note, "\n") {
				if i == 0 {
					para(l, "Note: ", "      ")
				} else {
					para(l, "      ", "      ")
				}
			}
		}
		for _, row := range sec.Rows {
			if row.Label != "" {
				line("[" + row.Label + "]")
			}
			for _, c := range [][2]string{{p.Left, row.Left}, {p.Right, row.Right}} {
				pad := strings.Repeat(" ", tagW)
				first := c[0] + pad[utf8.RuneCountInString(c[0]):]
				for i, ps := range strings.Split(c[1], "\n\n") {
					if i > 0 {
						line("")
					}
					for _, l := range strings.Split(ps, "\n") {
						para(l, first, pad)
						first = pad
					}
				}
			}
		}
	}
	return bw.Flush()
}
