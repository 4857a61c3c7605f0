package render

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"text/template"
	"text/template/parse"
	"unicode/utf8"
)

// Finding is one thing wrong with a language's templates.
type Finding struct {
	Source  string // the templates' folder: "templates", or an override
	Lang    string
	Piece   string // template name: "opening-2", "body"
	Line    int    // line in letter.tmpl, 0 when none
	Warning bool   // a warning, not an error
	Msg     string
}

func (f Finding) String() string {
	src := f.Source
	if src == "" {
		src = "templates"
	}
	loc := strings.TrimSuffix(src, "/") + "/" + f.Lang + "/letter.tmpl"
	if f.Line > 0 {
		loc += fmt.Sprintf(":%d", f.Line)
	}
	kind := ""
	if f.Warning {
		kind = "warning: "
	}
	return fmt.Sprintf("%s: %s: %s%s", loc, f.Piece, kind, f.Msg)
}

// Pieces lists the pieces of lang's letter: every alternative wording of
// each group, the lead-in and the body, sorted.
func (r *Renderer) Pieces(lang string) []string {
	l, ok := r.langs[lang]
	if !ok {
		return nil
	}
	var out []string
	for _, names := range l.variants {
		out = append(out, names...)
	}
	for _, n := range []string{"lead-in", "body"} {
		if l.tmpl.Lookup(n) != nil {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

// CheckTemplates renders every piece of lang over the matrix of what a
// letter can be (1, 2 and 3 prisoners of every gender and of mixed ones;
// the roles to, copy and embassy; with and without a sender and a note;
// one demand and several), so that a broken branch is found before a user
// takes it; and it compares the fields each piece uses with the same piece
// of the source language (en).
func (r *Renderer) CheckTemplates(lang string) []Finding {
	l, ok := r.langs[lang]
	if !ok {
		return []Finding{{Lang: lang, Piece: "-", Msg: "no templates for this language"}}
	}
	var out []Finding
	seen := map[string]bool{}
	add := func(f Finding) {
		if k := f.String(); !seen[k] {
			seen[k] = true
			out = append(out, f)
		}
	}
	for _, d := range matrix(l.locale) {
		for _, piece := range r.Pieces(lang) {
			dd := d
			if piece == "body" {
				dd.Opening, dd.Request = "Opening.", "Request."
			}
			s, err := execute(l.tmpl, piece, dd)
			switch {
			case err != nil:
				add(Finding{Lang: lang, Piece: piece, Line: pieceLine(l.tmpl, piece), Msg: strings.TrimPrefix(err.Error(), "template "+piece+": ")})
			case strings.TrimSpace(s) == "":
				add(Finding{Lang: lang, Piece: piece, Line: pieceLine(l.tmpl, piece), Msg: fmt.Sprintf("prints nothing for %s", describe(dd))})
			case strings.HasPrefix(piece, "subject-") && utf8.RuneCountInString(oneLine(s)) > subjectMax:
				add(Finding{Lang: lang, Piece: piece, Line: pieceLine(l.tmpl, piece), Warning: true,
					Msg: fmt.Sprintf("%d characters for %s: a subject over %d runs to three lines; shorten it", utf8.RuneCountInString(oneLine(s)), describe(dd), subjectMax)})
			case lang != "en" && englishLeft(s) != "":
				add(Finding{Lang: lang, Piece: piece, Line: pieceLine(l.tmpl, piece), Warning: true, Msg: fmt.Sprintf("English word %q left in the text", englishLeft(s))})
			}
		}
	}
	if src, ok := r.langs["en"]; ok && lang != "en" {
		out = append(out, compareFields(lang, l.tmpl, src.tmpl)...)
		out = append(out, r.stale(lang)...)
	}
	for i := range out {
		out[i].Source = l.source
	}
	return out
}

// subjectMax is the longest subject a check lets pass: two lines of a
// text letter (a PDF line holds about as many characters).
const subjectMax = 2 * Width

// matrix is the Data of every kind of letter a template must handle.
func matrix(loc Locale) []Data {
	names := []string{"Anna Ivanova", "Boris Petrov", "Chingiz Aitov"}
	genders := [][]string{{"male"}, {"female"}, {"unknown"}, {"male", "male"}, {"female", "male"}, {"female", "female", "male"}}
	var out []Data
	for _, gs := range genders {
		for _, role := range []string{"to", "copy", "embassy"} {
			for _, sender := range []bool{true, false} {
				for _, demands := range [][]string{{"Release them."}, {"Release them.", "Protect them.", "Respect the law."}} {
					ps := names[:len(gs)]
					d := Data{Reference: "UA 1/26", Title: "A case", Names: joinNames(ps, loc), Prisoners: ps, Count: len(gs),
						Gender: groupGenderOf(gs), Facts: []string{"Facts."}, Demands: demands, Authorities: "the authorities",
						Recipient: RecipientData{Role: role, Name: "A. Official", Title: "Minister"}}
					if sender {
						d.Sender = SenderData{Known: true, Name: "Jane Doe", City: "Leeds", Country: "United Kingdom", Place: "Leeds, United Kingdom"}
						d.Note = "A note."
					}
					out = append(out, d)
				}
			}
		}
	}
	return out
}

func groupGenderOf(gs []string) string {
	for _, g := range gs[1:] {
		if g != gs[0] {
			return "unknown"
		}
	}
	if gs[0] == "male" || gs[0] == "female" {
		return gs[0]
	}
	return "unknown"
}

func describe(d Data) string {
	s := fmt.Sprintf("%d prisoner(s), gender %s, role %s, %d demand(s)", d.Count, d.Gender, d.Recipient.Role, len(d.Demands))
	if !d.Sender.Known {
		s += ", no sender"
	}
	return s
}

// englishWords are words a translation should not keep.
var englishWords = regexp.MustCompile(`(?i)\b(the|and|you|your|please|dear|letter|request|urge|thank)\b`)

// englishLeft returns an English word in s, ignoring the test data's own
// words (names, "Opening.", …), or "".
func englishLeft(s string) string {
	for _, w := range []string{"the authorities", "Release them.", "Protect them.", "Respect the law.", "A note.", "Opening.", "Request.", "A case"} {
		s = strings.ReplaceAll(s, w, "")
	}
	return englishWords.FindString(s)
}

// pieceLine is the line where piece is defined in letter.tmpl.
func pieceLine(t *template.Template, piece string) int {
	if tt := t.Lookup(piece); tt != nil && tt.Tree != nil && tt.Tree.Root != nil {
		return lineOf(tt.Tree, tt.Tree.Root)
	}
	return 0
}

// lineOf is the line of node n of tree ("letter.tmpl:12:3" -> 12).
func lineOf(tree *parse.Tree, n parse.Node) int {
	loc, _ := tree.ErrorContext(n)
	parts := strings.Split(loc, ":")
	if len(parts) < 3 {
		return 0
	}
	var line int
	fmt.Sscanf(parts[len(parts)-2], "%d", &line)
	return line
}

// compareFields reports, per piece, the fields a translation uses that the
// source's piece does not (an error: a misspelt or invented field), and
// those the source uses that it drops (a warning: it may be the
// language's choice).
func compareFields(lang string, t, src *template.Template) []Finding {
	var out []Finding
	for _, tt := range t.Templates() {
		st := src.Lookup(tt.Name())
		if st == nil || tt.Tree == nil || st.Tree == nil {
			continue
		}
		mine, theirs := fieldsOf(tt.Tree), fieldsOf(st.Tree)
		for _, f := range slices.Sorted(mapKeys(mine)) {
			if _, ok := theirs[f]; !ok {
				// A field of the letter's data that English does without
				// (German asks .Sender.City whether to name a place) is
				// fine; any other field is a misspelling.
				if !DataField(f) {
					out = append(out, Finding{Lang: lang, Piece: tt.Name(), Line: mine[f], Msg: fmt.Sprintf("uses %s, which the English piece does not", f)})
				}
			}
		}
		for _, f := range slices.Sorted(mapKeys(theirs)) {
			if _, ok := mine[f]; !ok && !optionalFields[f] {
				out = append(out, Finding{Lang: lang, Piece: tt.Name(), Line: pieceLine(t, tt.Name()), Warning: true, Msg: fmt.Sprintf("does not use %s, which the English piece does", f)})
			}
		}
	}
	return out
}

func mapKeys(m map[string]int) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// fieldsOf collects the fields (".Sender.Place") a template tree uses, with
// the line of their first use.
func fieldsOf(tree *parse.Tree) map[string]int {
	out := map[string]int{}
	var walk func(parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case nil:
		case *parse.ListNode:
			if n == nil {
				return
			}
			for _, c := range n.Nodes {
				walk(c)
			}
		case *parse.ActionNode:
			walk(n.Pipe)
		case *parse.PipeNode:
			if n == nil {
				return
			}
			for _, c := range n.Cmds {
				walk(c)
			}
		case *parse.CommandNode:
			for _, a := range n.Args {
				walk(a)
			}
		case *parse.FieldNode:
			f := "." + strings.Join(n.Ident, ".")
			if _, ok := out[f]; !ok {
				out[f] = lineOf(tree, n)
			}
		case *parse.IfNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.TemplateNode:
			walk(n.Pipe)
		}
	}
	walk(tree.Root)
	return out
}

// optionalFields are fields a translation may leave out where English uses
// them: the writer's name is in the signature and the sender block, and
// French and German openings say where the writer writes from without
// repeating it.
var optionalFields = map[string]bool{".Sender.Name": true}

// DataField reports whether path (".Sender.City") names a field of Data.
func DataField(path string) bool {
	t := reflect.TypeOf(Data{})
	for _, name := range strings.Split(strings.TrimPrefix(path, "."), ".") {
		if t.Kind() != reflect.Struct {
			return false
		}
		f, ok := t.FieldByName(name)
		if !ok || !f.IsExported() {
			return false
		}
		t = f.Type
	}
	return true
}
