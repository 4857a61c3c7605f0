package render

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"appeal/internal/input"
	"appeal/internal/po"
)

// LocalePrefix starts the msgctxt of a locale.yaml string in a PO file:
// "locale:closing", "locale:salutation.male".
const LocalePrefix = "locale:"

// localeStrings are the strings of locale.yaml a translator writes, by
// their dotted keys (the keys of notes.yaml); localeLists the lists, one
// item a line in a PO file. Not in PO files: and_after (a map of letters),
// country_alone.countries (country codes), the maps honorific and
// salutation.by_honorific, and the switches (addressee_required, and_each,
// typography.no_break).
var (
	localeStrings = []string{"date", "and", "place", "closing", "closing_untitled", "copy_to", "care_of", "page_of",
		"salutation.male", "salutation.female", "salutation.unknown", "salutation.named", "salutation.untitled",
		"salutation.organisation", "greeting", "list_marker", "authorities", "country_alone.pattern", "addressee_example", "typography.quotes", "typography.apostrophe", "blank_signature"}
	localeLists = []string{"months", "blank_sender", "typography.abbreviations", "typography.short", "typography.before_numbers"}
	// English's own: offered only to a language that has them.
	localeOwn       = []string{"country_alone.pattern"}
	regionalStrings = []string{"date", "closing", "closing_untitled"}
)

// File returns lang's file name (letter.tmpl, locale.yaml, stamps.yaml,
// notes.yaml) as written in the folder its templates come from.
func (r *Renderer) File(lang, name string) ([]byte, error) {
	l, ok := r.langs[lang]
	if !ok || l.fsys == nil {
		return nil, fs.ErrNotExist
	}
	return fs.ReadFile(l.fsys, lang+"/"+name)
}

// ExportPO makes the PO file a translator of lang works in: one entry per
// piece of letter.tmpl (msgctxt the piece's name, msgid the English piece
// exactly as written between {{define}} and {{end}}, msgstr lang's), then
// one per string or list of locale.yaml (msgctxt "locale:KEY", a list one
// item a line). Each entry's #. comment holds the note for translators and
// the placeholders the English uses. A piece that check finds stale or not
// stamped is fuzzy, with the English it was translated from as #| msgid.
// A language without templates, and en itself, get empty msgstrs.
func (r *Renderer) ExportPO(lang string, header [][2]string) (*po.File, error) {
	enSrc, enDefs, err := r.englishDefines()
	if err != nil {
		return nil, err
	}
	translated := lang != "en" && r.Has(lang)
	var trDefs []rawDefine
	var trSrc []byte
	if translated {
		trSrc, _ = r.File(lang, "letter.tmpl")
		if trDefs, err = rawDefines(string(trSrc)); err != nil {
			return nil, fmt.Errorf("%s/%w", lang, err)
		}
	}
	state := map[string]Finding{}
	if translated {
		for _, f := range r.stale(lang) {
			state[f.Piece] = f
		}
		if r.langs[lang].stamps == nil {
			// No stamps.yaml: no piece is known to be reviewed.
			for _, p := range r.Pieces(lang) {
				if _, ok := r.pieceSource("en", p); ok {
					state[p] = Finding{Piece: p, Msg: "not stamped"}
				}
			}
		}
	}
	f := &po.File{Entries: []*po.Entry{po.NewHeader(header...)}}
	f.Entries[0].Comment = "appeal's letter templates: " + input.LanguageName(lang) + " (" + lang + ").\n" +
		"msgctxt is the piece of letter.tmpl, or locale:KEY of locale.yaml. An empty\n" +
		"msgstr keeps what the templates have now. Import with\n" +
		"appeal templates po import FILE --templates DIR"
	body := func(src []byte, defs []rawDefine, name string) (string, bool) {
		for _, d := range defs {
			if d.Name == name {
				return string(src[d.Start:d.End]), true
			}
		}
		return "", false
	}
	var names []string
	for _, d := range enDefs {
		names = append(names, d.Name)
	}
	for _, d := range trDefs {
		if !slices.Contains(names, d.Name) {
			names = append(names, d.Name)
		}
	}
	for _, name := range names {
		e := &po.Entry{HasContext: true, Context: name}
		var notes []string
		if n := r.Note(lang, name); n != "" {
			notes = append(notes, n)
		}
		id, inEnglish := body(enSrc, enDefs, name)
		e.Str, _ = body(trSrc, trDefs, name)
		if !inEnglish {
			id = e.Str
			notes = append(notes, "Only in "+lang+": the msgid is this translation's own text.")
		}
		e.ID = id
		if fs, err := textFields(id); err == nil && len(fs) > 0 {
			notes = append(notes, "Placeholders: "+strings.Join(slices.Sorted(maps.Keys(fs)), " "))
		}
		if st, ok := state[name]; ok && e.Str != "" {
			e.Flags = []string{"fuzzy"}
			if strings.HasPrefix(st.Msg, "stale") {
				notes = append(notes, "Fuzzy: the English piece changed since this was translated.")
				e.PrevID = r.langs[lang].stamps[name].Source
			} else {
				notes = append(notes, "Fuzzy: not yet reviewed against the English piece.")
			}
		}
		e.Extracted = strings.Join(WrapText(strings.Join(notes, "\n"), 76), "\n")
		f.Entries = append(f.Entries, e)
	}

	enDoc, err := r.localeDoc("en")
	if err != nil {
		return nil, err
	}
	var trDoc *yaml.Node
	if translated {
		if trDoc, err = r.localeDoc(lang); err != nil {
			return nil, err
		}
	} else if lang == "en" {
		trDoc = enDoc
	}
	for _, key := range localeKeys(enDoc, trDoc) {
		list := slices.Contains(localeLists, key)
		enV, _ := localeValue(enDoc, key, list)
		e := &po.Entry{HasContext: true, Context: LocalePrefix + key, ID: enV}
		if translated {
			e.Str, _ = localeValue(trDoc, key, list)
		}
		var notes []string
		if n := r.Note(lang, key); n != "" {
			notes = append(notes, n)
		}
		if ps := placeholders.FindAllString(enV, -1); len(ps) > 0 {
			slices.Sort(ps)
			notes = append(notes, "Placeholders: "+strings.Join(slices.Compact(ps), " "))
		}
		if list {
			notes = append(notes, "A list: one item a line.")
		}
		if e.ID == "" {
			e.ID = "(none in English)"
		}
		e.Extracted = strings.Join(WrapText(strings.Join(notes, "\n"), 76), "\n")
		f.Entries = append(f.Entries, e)
	}
	return f, nil
}

var placeholders = regexp.MustCompile(`\{[a-z_]+\}|%d`)

func (r *Renderer) localeDoc(lang string) (*yaml.Node, error) {
	data, err := r.File(lang, "locale.yaml")
	if err != nil {
		return nil, fmt.Errorf("%s/locale.yaml: %w", lang, err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(lang+"/locale.yaml", err)
	}
	return &doc, nil
}

// localeKeys are the keys of locale.yaml a PO file offers: those English
// or the translation has (English's own only when the translation has
// them too), every list, and the translation's regional strings.
func localeKeys(en, tr *yaml.Node) []string {
	var out []string
	for _, k := range localeStrings {
		_, inEn := localeValue(en, k, false)
		_, inTr := localeValue(tr, k, false)
		if inTr || inEn && !slices.Contains(localeOwn, k) {
			out = append(out, k)
		}
	}
	out = append(out, localeLists...)
	if regions := lookup(tr, "regions"); regions != nil && regions.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(regions.Content); i += 2 {
			for _, k := range regionalStrings {
				key := "regions." + regions.Content[i].Value + "." + k
				if _, ok := localeValue(tr, key, false); ok {
					out = append(out, key)
				}
			}
		}
	}
	return out
}

// isLocaleKey reports whether key is one a PO file may set.
func isLocaleKey(key string) (ok, list bool) {
	if slices.Contains(localeLists, key) {
		return true, true
	}
	if slices.Contains(localeStrings, key) {
		return true, false
	}
	parts := strings.Split(key, ".")
	return len(parts) == 3 && parts[0] == "regions" && parts[1] != "" && slices.Contains(regionalStrings, parts[2]), false
}

// lookup finds the node at a dotted key under a YAML document.
func lookup(doc *yaml.Node, key string) *yaml.Node {
	if doc == nil {
		return nil
	}
	n := doc
	if n.Kind == yaml.DocumentNode {
		if len(n.Content) == 0 {
			return nil
		}
		n = n.Content[0]
	}
	for _, part := range strings.Split(key, ".") {
		if n.Kind != yaml.MappingNode {
			return nil
		}
		var next *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == part {
				next = n.Content[i+1]
			}
		}
		if next == nil {
			return nil
		}
		n = next
	}
	return n
}

// localeValue is the string at key, a list joined one item a line.
func localeValue(doc *yaml.Node, key string, list bool) (string, bool) {
	n := lookup(doc, key)
	switch {
	case n == nil:
		return "", false
	case list && n.Kind == yaml.SequenceNode:
		var items []string
		for _, c := range n.Content {
			items = append(items, c.Value)
		}
		return strings.Join(items, "\n"), true
	case !list && n.Kind == yaml.ScalarNode:
		return n.Value, true
	}
	return "", false
}

// setLocale sets the string or list at key, making the mappings it lies
// in; it reports whether the value changed.
func setLocale(doc *yaml.Node, key, value string, list bool) bool {
	if old, ok := localeValue(doc, key, list); ok && old == value {
		return false
	}
	n := doc.Content[0]
	parts := strings.Split(key, ".")
	for i, part := range parts {
		var next *yaml.Node
		for j := 0; j+1 < len(n.Content); j += 2 {
			if n.Content[j].Value == part {
				next = n.Content[j+1]
			}
		}
		last := i == len(parts)-1
		if next == nil {
			next = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
			if last {
				next = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Style: yaml.DoubleQuotedStyle}
				if list {
					next = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle}
				}
			}
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: part}, next)
		}
		n = next
	}
	if !list {
		n.Kind, n.Tag, n.Value, n.Content = yaml.ScalarNode, "!!str", value, nil
		if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) == 0 && n.Style != 0 {
			n.Style = yaml.DoubleQuotedStyle
		}
		return true
	}
	n.Kind, n.Tag, n.Value, n.Content = yaml.SequenceNode, "!!seq", "", nil
	for _, item := range strings.Split(value, "\n") {
		if item = strings.TrimSpace(item); item != "" {
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: item})
		}
	}
	return true
}

// stripComments removes the head comment of a mapping's first key (what
// the file is) and every line comment (examples) under n.
func stripComments(n *yaml.Node) {
	if n.Kind == yaml.MappingNode && len(n.Content) > 0 {
		n.Content[0].HeadComment = ""
	}
	var walk func(*yaml.Node)
	walk = func(n *yaml.Node) {
		n.LineComment = ""
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(n)
}

// deleteKey removes a top-level or dotted key from a YAML document.
func deleteKey(doc *yaml.Node, key string) {
	parent, last := doc.Content[0], key
	if i := strings.LastIndex(key, "."); i >= 0 {
		parent, last = lookup(doc, key[:i]), key[i+1:]
	}
	if parent == nil || parent.Kind != yaml.MappingNode {
		return
	}
	for j := 0; j+1 < len(parent.Content); j += 2 {
		if parent.Content[j].Value == last {
			parent.Content = append(parent.Content[:j], parent.Content[j+2:]...)
			return
		}
	}
}

// Imported is what ImportPO makes of a PO file: a language's files, ready
// to be checked and written.
type Imported struct {
	Lang     string
	Files    map[string][]byte // by name: letter.tmpl, locale.yaml, stamps.yaml, notes.yaml
	Changed  []string          // pieces and locale keys whose text changed
	Stamped  []string          // pieces stamped as current with English
	Empty    int               // entries with an empty msgstr: what the templates had is kept
	Warnings input.Problems

	file  string
	lines map[string]int // msgctxt -> line of its entry
	defs  []rawDefine    // of the new letter.tmpl
}

// ImportPO makes lang's files from a PO file (read from file), starting
// from lang's files as r has them, else from English's: each piece's body
// and each locale string is replaced by its msgstr; an empty msgstr keeps
// what was there. locale.yaml is edited as a YAML tree, so its comments
// stay; letter.tmpl is edited between each {{define}} and its {{end}}, so
// its layout stays. A non-fuzzy piece whose msgid is the English piece as
// it is now is stamped as current. The errors are input.Problems naming
// the PO file and the line of the entry: a msgstr that does not parse,
// or that uses a field its msgid does not. Check the result with
// NewLayers and CheckTemplates, and Locate what they find.
func (r *Renderer) ImportPO(f *po.File, file, lang string) (*Imported, error) {
	if lang == "en" {
		return nil, fmt.Errorf("%s: en is the language the others are translated from; edit its letter.tmpl and locale.yaml", file)
	}
	base := lang
	if !r.Has(lang) {
		base = "en"
	}
	im := &Imported{Lang: lang, Files: map[string][]byte{}, file: file, lines: map[string]int{}}
	var ps input.Problems
	problem := func(line int, path, format string, args ...any) {
		ps = append(ps, input.Problem{File: file, Line: line, Path: path, Msg: fmt.Sprintf(format, args...)})
	}
	enSrc, enDefs, err := r.englishDefines()
	if err != nil {
		return nil, err
	}
	src, err := r.File(base, "letter.tmpl")
	if err != nil {
		return nil, err
	}
	defs, err := rawDefines(string(src))
	if err != nil {
		return nil, fmt.Errorf("%s/%w", base, err)
	}
	enBody := map[string]string{}
	for _, d := range enDefs {
		enBody[d.Name] = string(enSrc[d.Start:d.End])
	}
	known := map[string]bool{}
	for _, d := range append(enDefs, defs...) {
		known[d.Name] = true
	}
	doc, err := r.localeDoc(base)
	if err != nil {
		return nil, err
	}
	localeChanged := false
	if base == "en" {
		// English's own choices are no skeleton for another language.
		for _, k := range []string{"regions", "country_alone", "closing_untitled", "salutation.named"} {
			deleteKey(doc, k)
		}
		stripComments(doc.Content[0])
		localeChanged = true
	}

	repl := map[string]string{}
	var stamp []string
	for _, e := range f.Entries {
		if e.IsHeader() {
			continue
		}
		if !e.HasContext {
			problem(e.Line, "", "an entry without msgctxt: appeal's PO files give each the piece or locale key it is for")
			continue
		}
		if _, dup := im.lines[e.Context]; dup {
			problem(e.Line, e.Context, "a second entry for this msgctxt")
			continue
		}
		im.lines[e.Context] = e.Line
		if key, ok := strings.CutPrefix(e.Context, LocalePrefix); ok {
			isKey, list := isLocaleKey(key)
			if !isKey {
				problem(e.Line, e.Context, "no such key of locale.yaml")
				continue
			}
			if e.Str == "" {
				im.Empty++
				continue
			}
			for _, p := range placeholders.FindAllString(e.Str, -1) {
				if p != "%d" && !strings.Contains(e.ID, p) && e.ID != "(none in English)" {
					im.Warnings = append(im.Warnings, input.Problem{File: file, Line: e.StrLine, Path: e.Context,
						Msg: fmt.Sprintf("warning: msgstr uses %s, which the msgid does not: check that appeal fills it in here", p)})
				}
			}
			if setLocale(doc, key, e.Str, list) {
				localeChanged = true
				im.Changed = append(im.Changed, e.Context)
			}
			continue
		}
		if !known[e.Context] {
			problem(e.Line, e.Context, "no such piece in the English templates or the %s ones", lang)
			continue
		}
		if e.Str == "" {
			im.Empty++
			continue
		}
		mine, err := textFields(e.Str)
		if err != nil {
			problem(e.StrLine, e.Context, "msgstr: %s", strings.TrimPrefix(err.Error(), "template: "))
			continue
		}
		if ds, err := rawDefines(`{{define "x"}}` + e.Str + `{{end}}`); err != nil || len(ds) != 1 || ds[0].End-ds[0].Start != len(e.Str) {
			problem(e.StrLine, e.Context, "msgstr must not hold a {{define}}")
			continue
		}
		theirs, _ := textFields(e.ID)
		for _, fd := range slices.Sorted(maps.Keys(mine)) {
			if _, ok := theirs[fd]; !ok {
				if DataField(fd) {
					im.Warnings = append(im.Warnings, input.Problem{File: file, Line: e.StrLine, Path: e.Context,
						Msg: fmt.Sprintf("warning: msgstr uses %s, which the msgid does not; it is a field of the letter's data, so check that it is meant", fd)})
					continue
				}
				problem(e.StrLine, e.Context, "msgstr uses %s, which the msgid does not", fd)
			}
		}
		for _, fd := range slices.Sorted(maps.Keys(theirs)) {
			if _, ok := mine[fd]; !ok {
				im.Warnings = append(im.Warnings, input.Problem{File: file, Line: e.StrLine, Path: e.Context,
					Msg: fmt.Sprintf("warning: msgstr does not use %s, which the msgid does", fd)})
			}
		}
		repl[e.Context] = e.Str
		if en, ok := enBody[e.Context]; ok && !e.Fuzzy() && e.ID == en && slices.Contains(r.Pieces("en"), e.Context) {
			stamp = append(stamp, e.Context)
		}
	}
	if len(ps) > 0 {
		ps.Sort()
		return nil, ps
	}

	// letter.tmpl: replace bodies from the last to the first, then add the
	// pieces it lacks.
	out := string(src)
	for i := len(defs) - 1; i >= 0; i-- {
		d := defs[i]
		if s, ok := repl[d.Name]; ok && out[d.Start:d.End] != s {
			out = out[:d.Start] + s + out[d.End:]
			im.Changed = append(im.Changed, d.Name)
		}
	}
	for _, d := range enDefs {
		if s, ok := repl[d.Name]; ok && !slices.ContainsFunc(defs, func(x rawDefine) bool { return x.Name == d.Name }) {
			if !strings.HasSuffix(out, "\n") {
				out += "\n"
			}
			out += "{{define " + strconv.Quote(d.Name) + "}}" + s + "{{end}}\n"
			im.Changed = append(im.Changed, d.Name)
		}
	}
	if im.defs, err = rawDefines(out); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	im.Files["letter.tmpl"] = []byte(out)

	im.Files["locale.yaml"], _ = r.File(base, "locale.yaml")
	if localeChanged {
		var b bytes.Buffer
		enc := yaml.NewEncoder(&b)
		enc.SetIndent(2)
		if err := enc.Encode(doc); err != nil {
			return nil, err
		}
		im.Files["locale.yaml"] = b.Bytes()
	}

	var stamps map[string]Stamp
	if base == lang {
		stamps = maps.Clone(r.langs[lang].stamps)
		if notes, err := r.File(lang, NotesFile); err == nil {
			im.Files[NotesFile] = notes
		}
	}
	changed := false
	for _, p := range stamp {
		src, _ := r.pieceSource("en", p)
		st := Stamp{Hash: digest(src), Source: src}
		if stamps == nil {
			stamps = map[string]Stamp{}
		}
		if stamps[p] != st {
			stamps[p], changed = st, true
		}
		im.Stamped = append(im.Stamped, p)
	}
	if old, err := r.File(lang, StampsFile); err == nil && base == lang && !changed {
		im.Files[StampsFile] = old
	} else if stamps != nil {
		if im.Files[StampsFile], err = stampsYAML(stamps); err != nil {
			return nil, err
		}
	}
	sort.Strings(im.Changed)
	return im, nil
}

var tmplLine = regexp.MustCompile(`letter\.tmpl:(\d+)`)

// Locate turns what checking the imported files found into problems of
// the PO file, at the entry of the piece or locale key concerned: errors,
// then warnings.
// A piece that fails for many kinds of letter is reported once, with the
// first of them and a count of the rest.
func (im *Imported) Locate(findings []Finding) (errs, warnings input.Problems) {
	more := map[string]int{}
	for _, f := range findings {
		p := input.Problem{File: im.file, Line: im.lines[f.Piece], Path: f.Piece, Msg: f.Msg}
		if f.Warning {
			p.Msg = "warning: " + p.Msg
			warnings = append(warnings, p)
			continue
		}
		if _, seen := more[f.Piece]; seen {
			more[f.Piece]++
			continue
		}
		more[f.Piece] = 0
		errs = append(errs, p)
	}
	for i, p := range errs {
		if n := more[p.Path]; n > 0 {
			errs[i].Msg += fmt.Sprintf(" (and %d more)", n)
		}
	}
	return errs, warnings
}

// LocateErr turns an error loading the imported files into a problem of
// the PO file, at the entry the error's line or key belongs to.
func (im *Imported) LocateErr(err error) input.Problems {
	msg := err.Error()
	p := input.Problem{File: im.file, Msg: msg}
	if m := tmplLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		for _, d := range im.defs {
			if line >= d.Line && line <= d.EndLine {
				p.Line, p.Path = im.lines[d.Name], d.Name
			}
		}
		return input.Problems{p}
	}
	if strings.Contains(msg, "locale.yaml") {
		best := ""
		for ctx := range im.lines {
			key, ok := strings.CutPrefix(ctx, LocalePrefix)
			if ok && strings.Contains(msg, key) && len(key) > len(best) {
				best = key
			}
		}
		if best != "" {
			p.Line, p.Path = im.lines[LocalePrefix+best], LocalePrefix+best
		}
	}
	return input.Problems{p}
}

// englishDefines is the English letter.tmpl as written, and its pieces.
func (r *Renderer) englishDefines() ([]byte, []rawDefine, error) {
	src, err := r.File("en", "letter.tmpl")
	if err != nil {
		return nil, nil, fmt.Errorf("no English templates to translate from")
	}
	defs, err := rawDefines(string(src))
	if err != nil {
		return nil, nil, fmt.Errorf("en/%w", err)
	}
	return src, defs, nil
}
