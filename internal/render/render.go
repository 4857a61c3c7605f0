// Package render turns a case, a recipient and a writer into a finished
// letter (doc.Letter) in one language, from the templates in an fs.FS laid
// out as <lang>/letter.tmpl and <lang>/locale.yaml. It owns the rules of
// each language: long dates, salutations, name lists, address blocks.
package render

import (
	"appeal/internal/input"
	"appeal/internal/pdf"
	"bytes"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"text/template"
	"time"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"appeal/internal/casefile"
	"appeal/internal/country"
	"appeal/internal/doc"
	"appeal/internal/letter"
	"appeal/internal/script"
)

// Locale is the contents of <lang>/locale.yaml.
type Locale struct {
	Months []string `yaml:"months"`
	Date   string   `yaml:"date"`
	// FirstDay is how the date writes the first day of a month, where it
	// is an ordinal: French "1er" (1er mars 2017). Empty: "1".
	FirstDay string `yaml:"first_day"`
	// Calendar is the calendar of the date: "persian" (Solar Hijri, whose
	// months Months then names: Persian "۲۲ بهمن ۱۳۹۵"); empty or
	// "gregorian": the Gregorian calendar.
	Calendar string `yaml:"calendar"`
	// Numbering is the CLDR numbering system of the numbers the letter
	// writes (the date, the demands' numbers): "arab" (٠١٢…), "arabext"
	// (۰۱۲…); empty or "latn": 0-9.
	Numbering string `yaml:"numbering"`
	// Dateline frames the date line where the language puts the town
	// before the date: Place with the writer's town ("{city}, le {date}":
	// "Manchester, le 1er mars 2017"), Alone without ("Le {date}"). Empty:
	// the date alone.
	Dateline Dateline `yaml:"dateline"`
	// LcfirstOnly, when given, lists the words that lcfirst lower-cases at
	// the start of a demand that continues the lead-in's sentence; any
	// other word keeps its capital. German capitalises nouns and names
	// ("Aigul Nurlanova freizulassen"), so only "die", "bis", … change.
	LcfirstOnly []string `yaml:"lcfirst_only"`
	And         string   `yaml:"and"`
	// AndAfter, for languages whose "and" follows the sound before it
	// (Kazakh мен/бен/пен), maps a word to the final letters it follows;
	// after any other letter, And.
	AndAfter map[string]string `yaml:"and_after"`
	// AndBefore, for languages whose "and" depends on how the word after
	// it begins (Spanish "e" before i-, hi-: "Talgat e Ilyas"), maps a word
	// to the beginnings it goes before; the longest beginning that fits
	// the next word decides ("y" before hie-). Otherwise AndAfter, else
	// And.
	AndBefore map[string][]string `yaml:"and_before"`
	// AndAttached: the word for "and" is written joined to the word after
	// it, as Arabic و is ("مكس بوكاييف وطلعت آيان").
	AndAttached bool `yaml:"and_attached"`
	// AndEach: with three or more names, the word for "and" goes before
	// every name after the first, not a comma ("أ وب وج", not "أ، ب وج").
	AndEach bool `yaml:"and_each"`
	// Greeting is a line of its own after the salutation, as Arabic
	// "تحية طيبة وبعد،" follows the form of address: the first paragraph of the body. Not printed when the
	// salutation is the greeting itself. Empty: none.
	Greeting string `yaml:"greeting"`
	// Honorific goes before the name of a recipient in the address block
	// when the case gives the recipient a name and a gender but no
	// honorific in the letter's language: Arabic "السيد" / "السيدة".
	Honorific Gendered `yaml:"honorific"`
	// ListMarker is the marker of the numbered demands, {n} the number:
	// Arabic "{n}-" ("١-", which a full stop would let read as "١٠").
	// Empty: "{n}." as the template writes it.
	ListMarker string `yaml:"list_marker"`
	// Comma and Semicolon are the language's own, where it has them
	// (Arabic and Persian "،" and "؛"): Comma between names ("A، B و C")
	// and in "name, title" on the copy line, Semicolon between the copy
	// line's recipients. Empty: "," and ";".
	Comma     string `yaml:"comma"`
	Semicolon string `yaml:"semicolon"`
	// Place is how the body names where the writer lives when the town is
	// known: "{city} in {country}", "{city}, {country}".
	Place string `yaml:"place"`
	// Closing ends the letter; ClosingUntitled ends one that opens with the
	// untitled salutation ("Dear Sir or Madam," takes "Yours faithfully,").
	// {salutation} in either is the letter's salutation without its final
	// punctuation, for a closing that repeats the form of address: French
	// "Je vous prie d'agréer, {salutation}, l'expression …" gives
	// "…, Monsieur le Ministre, …".
	Closing         string `yaml:"closing"`
	ClosingUntitled string `yaml:"closing_untitled"`
	// Regions holds what writers of a region write otherwise: an English
	// letter from the US is dated "March 14, 2017".
	Regions    map[string]Regional `yaml:"regions"`
	CopyTo     string              `yaml:"copy_to"`
	CareOf     string              `yaml:"care_of"`
	PageOf     string              `yaml:"page_of"`
	Salutation Salutation          `yaml:"salutation"`
	// Authorities names the authorities of the case's country in the lead-in
	// of letters to copy and embassy recipients, when the case gives no
	// authorities of its own; {country} is the country's name.
	Authorities string `yaml:"authorities"`
	// AddresseeRequired: a recipient with a name or title needs addressee
	// lines in this language (Russian and Kazakh put the name in the
	// dative); AddresseeExample shows the form in messages.
	AddresseeRequired bool   `yaml:"addressee_required"`
	AddresseeExample  string `yaml:"addressee_example"`
	// CountryAlone is how the sentence about the writer names a country
	// without a town: "the {country}" for the countries listed.
	CountryAlone   CountryAlone `yaml:"country_alone"`
	Typography     Typography   `yaml:"typography"`
	BlankSender    []string     `yaml:"blank_sender"`
	BlankSignature string       `yaml:"blank_signature"`
}

// Dateline is the pattern of the date line, with and without the town.
type Dateline struct {
	Place string `yaml:"place"`
	Alone string `yaml:"alone"`
}

// line is the date line for date, the writer's town city (may be empty).
func (dl Dateline) line(date, city string) string {
	switch {
	case dl.Place != "" && city != "":
		return strings.NewReplacer("{city}", city, "{date}", date).Replace(dl.Place)
	case dl.Alone != "":
		return strings.ReplaceAll(dl.Alone, "{date}", date)
	}
	return date
}

// lcfirstFunc is the template function lcfirst of a locale: it lower-cases
// the first letter of s, or, with only given, only when the first word is
// one of only.
func lcfirstFunc(only []string) template.FuncMap {
	return template.FuncMap{"lcfirst": func(s string) string {
		r, n := utf8.DecodeRuneInString(s)
		if len(only) > 0 {
			first := strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) })
			if len(first) == 0 || !slices.Contains(only, strings.ToLower(first[0])) {
				return s
			}
		}
		return string(unicode.ToLower(r)) + s[n:]
	}}
}

// Regional overrides parts of a locale for writers of one region.
type Regional struct {
	// Months, when given, replaces the month names of the date (Austrian
	// German "Jänner").
	Months          []string `yaml:"months"`
	Date            string   `yaml:"date"`
	Closing         string   `yaml:"closing"`
	ClosingUntitled string   `yaml:"closing_untitled"`
	// Numbering, when given, replaces the numbering system: Arabic letters
	// from Egypt or Iraq write "arab" digits, from Morocco "latn" ones.
	Numbering string `yaml:"numbering"`
}

// CountryAlone is a pattern for a country's name standing alone in a
// sentence, and the countries (ISO codes) it applies to.
type CountryAlone struct {
	Pattern   string   `yaml:"pattern"`
	Countries []string `yaml:"countries"`
}

// Salutation holds the patterns of derived salutations; {title} stands for
// the recipient's short title, else title. An empty Unknown means the
// language cannot address an official of unknown gender by title: such a
// recipient needs a gender or a salutation of its own (Check says so).
type Salutation struct {
	Male    string `yaml:"male"`
	Female  string `yaml:"female"`
	Unknown string `yaml:"unknown"`
	// Named addresses a named recipient with no title ("Dear {name},");
	// empty: such a recipient gets Untitled.
	Named string `yaml:"named"`
	// NameAsTitle: a named recipient with a gender but no title is
	// addressed by male or female (or by_honorific) with the full name
	// for {title}: Arabic "السيدة سام سميث المحترمة،". Named comes first.
	NameAsTitle bool   `yaml:"name_as_title"`
	Untitled    string `yaml:"untitled"`
	// Organisation addresses an office with no named official and no
	// title: {organisation} is its name ("السادة/ {organisation}
	// المحترمين،"). Empty: Untitled.
	Organisation string `yaml:"organisation"`
	// ByHonorific maps the first word of a recipient's honorific in the
	// letter's language to the salutation pattern it takes, one for every
	// gender or one per gender: Arabic {"معالي": {male: "معالي {title}
	// المحترم،", female: "معالي {title} المحترمة،"}} gives a minister
	// whose honorific is "معالي السيدة" "معالي الوزيرة المحترمة،".
	ByHonorific map[string]Gendered `yaml:"by_honorific"`
	// Elide maps a word before {title} to its form before a vowel: French
	// {"le": "l’", "la": "l’"} makes "Monsieur le {title}," with the title
	// "Ambassadeur" "Monsieur l’Ambassadeur,".
	Elide map[string]string `yaml:"elide"`
}

// Gendered is a text by the gender of the person it concerns. In
// locale.yaml it is a map (male, female, unknown) or one string, the same
// for all.
type Gendered struct {
	Male    string `yaml:"male"`
	Female  string `yaml:"female"`
	Unknown string `yaml:"unknown"`
}

// UnmarshalYAML reads a map of genders or one string for every gender.
func (g *Gendered) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		g.Male, g.Female, g.Unknown = n.Value, n.Value, n.Value
		return nil
	}
	if n.Kind == yaml.MappingNode {
		for i := 0; i < len(n.Content); i += 2 {
			if k := n.Content[i].Value; k != "male" && k != "female" && k != "unknown" {
				return fmt.Errorf("line %d: %q is not a gender (male, female, unknown)", n.Content[i].Line, k)
			}
		}
	}
	type plain Gendered
	var p plain
	if err := n.Decode(&p); err != nil {
		return err
	}
	*g = Gendered(p)
	return nil
}

// of is the text for gender ("" when the language has none for it).
func (g Gendered) of(gender string) string {
	switch gender {
	case casefile.Male:
		return g.Male
	case casefile.Female:
		return g.Female
	}
	return g.Unknown
}

type language struct {
	source   string // where its files are: "templates", or an override folder
	fsys     fs.FS  // the layer it was read from, for its files as written (File)
	builtIn  bool
	notes    map[string]string
	locale   Locale
	tmpl     *template.Template
	variants map[string][]string // group -> names of its alternative templates, sorted
	stamps   map[string]Stamp    // piece -> the English piece it was translated from; nil: none recorded
}

// groups are the parts of a letter that templates word in several
// alternative ways: "subject-1", "subject-2", ...
var groups = []string{"subject", "opening", "request"}

// Renderer renders letters in the languages its templates provide. It is
// safe for use by several goroutines.
type Renderer struct {
	langs map[string]*language

	mu    sync.Mutex
	cases map[caseLang]*caseText // what every letter of a case in a language shares
}

type caseLang struct {
	c         *casefile.Case
	lang      string
	numbering string // the letter's digits, which the case's texts take (caseDigits)
}

// caseText is the part of Data that depends only on the case and the
// language, worked out once for a batch of thousands of letters.
type caseText struct {
	problems  input.Problems
	title     string
	names     string
	prisoners []string
	facts     []string
	demands   []string
	gender    string
	// authorities: the case's, else the locale's pattern filled in
	authorities string
}

func (r *Renderer) caseText(c *casefile.Case, lang string, loc Locale) *caseText {
	r.mu.Lock()
	defer r.mu.Unlock()
	key := caseLang{c, lang, loc.Numbering}
	if ct, ok := r.cases[key]; ok {
		return ct
	}
	tx := func(t casefile.Text) string {
		s, _ := t.In(lang)
		return caseDigits(loc.Numbering, strings.TrimSpace(s), c.Reference)
	}
	ct := &caseText{problems: append(c.CheckLanguage(lang), r.Check(c, lang)...), title: tx(c.Title), gender: groupGender(c.Prisoners)}
	ty := loc.Typography
	for _, p := range c.Prisoners {
		ct.prisoners = append(ct.prisoners, ty.set(oneLine(tx(p.Name))))
	}
	ct.names = joinNames(ct.prisoners, loc)
	for _, f := range paragraphs(tx(c.Facts)) {
		ct.facts = append(ct.facts, ty.set(f))
	}
	for _, dm := range c.Demands {
		ct.demands = append(ct.demands, ty.set(oneLine(tx(dm))))
	}
	ct.authorities = ty.set(oneLine(tx(c.Authorities)))
	if ct.authorities == "" {
		ct.authorities = strings.ReplaceAll(loc.Authorities, "{country}", loc.countryAlone(c.Country, lang))
	}
	if r.cases == nil {
		r.cases = map[caseLang]*caseText{}
	}
	r.cases[key] = ct
	return ct
}

var funcs = template.FuncMap{
	"inc": func(i int) int { return i + 1 },
	// lcfirst lower-cases the first letter, for a demand that continues
	// the lead-in's sentence: "I urge you to release …".
	"lcfirst": func(s string) string {
		r, n := utf8.DecodeRuneInString(s)
		return string(unicode.ToLower(r)) + s[n:]
	},
}

// Layer is one folder of templates, <lang>/letter.tmpl and locale.yaml
// (and, for a translation, stamps.yaml and notes.yaml).
type Layer struct {
	Name    string // in messages: "templates" for the built-in ones, else the folder
	FS      fs.FS
	BuiltIn bool // the templates inside the binary
}

// New parses every language in fsys, the built-in templates.
func New(fsys fs.FS) (*Renderer, error) {
	return NewLayers(Layer{Name: "templates", FS: fsys, BuiltIn: true})
}

// NewLayers parses the languages of every layer; a language in a later
// layer replaces the same language of an earlier one (all its files), so
// that a translator's folder overrides or adds languages over the built-in
// templates. A language folder needs both letter.tmpl and locale.yaml.
// Templates are parsed with missingkey=error, so that a template given a
// map never prints "<no value>" in a letter to a minister; a misspelt
// field of Data fails when the template runs.
func NewLayers(layers ...Layer) (*Renderer, error) {
	r := &Renderer{langs: map[string]*language{}}
	for _, ly := range layers {
		dirs, err := fs.Glob(ly.FS, "*/letter.tmpl")
		if err != nil {
			return nil, err
		}
		if len(dirs) == 0 && !ly.BuiltIn {
			return nil, fmt.Errorf("%s: no <lang>/letter.tmpl in this folder", ly.Name)
		}
		for _, d := range dirs {
			lang := path.Dir(d)
			l, err := parseLanguage(ly.FS, lang)
			if err != nil {
				return nil, fmt.Errorf("%s/%s/%w", strings.TrimSuffix(ly.Name, "/"), lang, err)
			}
			l.source, l.builtIn, l.fsys = ly.Name, ly.BuiltIn, ly.FS
			r.langs[lang] = l
		}
	}
	if len(r.langs) == 0 {
		return nil, fmt.Errorf("no templates found")
	}
	return r, nil
}

// From is where lang's templates come from: "built in", or the folder of
// an override.
func (r *Renderer) From(lang string) string {
	l, ok := r.langs[lang]
	switch {
	case !ok:
		return ""
	case l.builtIn:
		return "built in"
	}
	return l.source
}

func parseLanguage(fsys fs.FS, lang string) (*language, error) {
	data, err := fs.ReadFile(fsys, lang+"/locale.yaml")
	if err != nil {
		return nil, fmt.Errorf("locale.yaml: missing; a language folder needs letter.tmpl and locale.yaml (appeal templates export writes both)")
	}
	var loc Locale
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&loc); err != nil {
		return nil, yamlError("locale.yaml", err)
	}
	// The texts may name a month as any region of the language does, and
	// Arabic ones as two regions do at once ("يونيو/حزيران"): a number is
	// tied to any of them.
	loc.Typography.months = slices.Clone(loc.Months)
	for _, region := range slices.Sorted(maps.Keys(loc.Regions)) {
		for _, m := range loc.Regions[region].Months {
			if !slices.Contains(loc.Typography.months, m) {
				loc.Typography.months = append(loc.Typography.months, m)
			}
		}
	}
	loc.Typography.dayDot = strings.Contains(loc.Date, "{day}.")
	loc.Typography.memo = &memo{done: map[string]string{}}
	if err := loc.check(); err != nil {
		return nil, fmt.Errorf("locale.yaml: %w", err)
	}
	src, err := fs.ReadFile(fsys, lang+"/letter.tmpl")
	if err != nil {
		return nil, err
	}
	t, err := template.New("letter.tmpl").Option("missingkey=error").Funcs(funcs).Funcs(pluralFunc(lang)).Funcs(lcfirstFunc(loc.LcfirstOnly)).Parse(string(src))
	if err != nil {
		return nil, errors.New(strings.TrimPrefix(err.Error(), "template: "))
	}
	if t.Lookup("body") == nil {
		return nil, fmt.Errorf(`letter.tmpl: no {{define "body"}}`)
	}
	stamps, err := readStamps(fsys, lang)
	if err != nil {
		return nil, err
	}
	notes, err := readNotes(fsys, lang)
	if err != nil {
		return nil, err
	}
	l := &language{locale: loc, tmpl: t, variants: map[string][]string{}, stamps: stamps, notes: notes}
	for _, g := range groups {
		for _, tt := range t.Templates() {
			if n := tt.Name(); strings.HasPrefix(n, g+"-") {
				l.variants[g] = append(l.variants[g], n)
			}
		}
		if len(l.variants[g]) == 0 {
			return nil, fmt.Errorf(`letter.tmpl: no {{define "%s-1"}}`, g)
		}
		sort.Strings(l.variants[g])
	}
	return l, nil
}

func (l Locale) check() error {
	var missing []string
	for name, v := range map[string]string{
		"date": l.Date, "and": l.And, "closing": l.Closing, "copy_to": l.CopyTo, "care_of": l.CareOf,
		"page_of": l.PageOf, "salutation.male": l.Salutation.Male, "salutation.female": l.Salutation.Female,
		"blank_signature": l.BlankSignature, "place": l.Place,
	} {
		if v == "" {
			missing = append(missing, name)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		return fmt.Errorf("missing %s", strings.Join(missing, ", "))
	}
	if len(l.Months) != 12 {
		return fmt.Errorf("months: want 12 names, have %d", len(l.Months))
	}
	if len(l.BlankSender) == 0 {
		return fmt.Errorf("missing blank_sender")
	}
	if strings.Count(l.PageOf, "%d") != 2 {
		return fmt.Errorf("page_of must hold %%d twice (page, total)")
	}
	if q := []rune(l.Typography.Quotes); len(q) != 0 && len(q) != 4 {
		return fmt.Errorf("typography.quotes: want 4 characters (outer open, close, inner open, close), have %d", len(q))
	}
	if l.Calendar != "" && l.Calendar != Gregorian && l.Calendar != Persian {
		return fmt.Errorf("calendar: %q is not a calendar appeal knows (%s, %s)", l.Calendar, Gregorian, Persian)
	}
	if err := checkNumbering("numbering", l.Numbering); err != nil {
		return err
	}
	for region, r := range l.Regions {
		if len(r.Months) != 0 && len(r.Months) != 12 {
			return fmt.Errorf("regions.%s.months: want 12 names, have %d", region, len(r.Months))
		}
		if err := checkNumbering("regions."+region+".numbering", r.Numbering); err != nil {
			return err
		}
	}
	return nil
}

// listMarker is the marker of a numbered demand ("1.") as the locale's
// list_marker writes it ("1-"); other markers ("•") as they are.
func (l Locale) listMarker(m string) string {
	if n, ok := strings.CutSuffix(m, "."); ok && l.ListMarker != "" && n != "" && strings.Trim(n, "0123456789") == "" {
		return strings.ReplaceAll(l.ListMarker, "{n}", n)
	}
	return m
}

// honorific is what goes before the recipient's name: the case's
// honorific in lang, else, for a named recipient of known gender, the
// locale's (Arabic "السيد" / "السيدة").
func (l Locale) honorific(r casefile.Recipient, lang string) string {
	if h := oneLine(textIn(r.Honorific, lang)); h != "" {
		return h
	}
	if oneLine(textIn(r.Name, lang)) == "" || (r.Gender != casefile.Male && r.Gender != casefile.Female) {
		return ""
	}
	return oneLine(l.Honorific.of(r.Gender))
}

// countryAlone is the country's name in lang as it stands alone in a
// sentence: "the United Kingdom", "Kazakhstan".
func (l Locale) countryAlone(code, lang string) string {
	name := country.Name(code, lang)
	if slices.Contains(l.CountryAlone.Countries, code) && l.CountryAlone.Pattern != "" {
		return strings.ReplaceAll(l.CountryAlone.Pattern, "{country}", name)
	}
	return name
}

// regional is the locale as a writer of region writes it.
func (l Locale) regional(region string) Locale {
	r, ok := l.Regions[region]
	if !ok {
		return l
	}
	if len(r.Months) == 12 {
		l.Months = r.Months
	}
	if r.Date != "" {
		l.Date = r.Date
	}
	if r.Closing != "" {
		l.Closing = r.Closing
	}
	if r.ClosingUntitled != "" {
		l.ClosingUntitled = r.ClosingUntitled
	}
	if r.Numbering != "" {
		l.Numbering = r.Numbering
	}
	return l
}

// Languages lists the language tags the renderer has templates for, sorted.
func (r *Renderer) Languages() []string {
	out := make([]string, 0, len(r.langs))
	for l := range r.langs {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}

// Has reports whether there are templates for lang.
func (r *Renderer) Has(lang string) bool { _, ok := r.langs[lang]; return ok }

// Locale returns the locale of lang.
func (r *Renderer) Locale(lang string) (Locale, bool) {
	l, ok := r.langs[lang]
	if !ok {
		return Locale{}, false
	}
	return l.locale, true
}

// Variants returns how many alternative wordings lang has for each group
// (subject, opening, request).
func (r *Renderer) Variants(lang string) map[string]int {
	out := map[string]int{}
	if l, ok := r.langs[lang]; ok {
		for g, names := range l.variants {
			out[g] = len(names)
		}
	}
	return out
}

// Input is what one letter is made of.
type Input struct {
	Case      *casefile.Case
	Recipient casefile.Recipient
	Sender    *casefile.Sender // nil: a blank sender block to fill in by hand
	Note      string           // the writer's own sentence, printed as written
	Lang      string
	Region    string    // the writer's region ("US"), for dates and closings; may be empty
	Date      time.Time // the letter's date
	// SameText turns variation off: every letter takes the first wording of
	// each part. Otherwise each letter picks its wordings from the writer
	// and the recipient, the same ones on every run.
	SameText bool
}

// Data is what a letter template sees.
type Data struct {
	Reference string
	Title     string
	Names     string   // the prisoners' names joined: "A, B and C"
	Prisoners []string // each name, nominative
	Count     int      // number of prisoners
	Gender    string   // male or female when every prisoner is; else unknown
	Facts     []string // paragraphs
	Demands   []string
	// Authorities names the authorities of the case's country as the
	// lead-in of copy and embassy letters urges them: "the authorities of
	// Kazakhstan", "власти Республики Казахстан".
	Authorities string
	Sender      SenderData
	Recipient   RecipientData
	Note        string // the writer's own sentence, or empty
	Opening     string // the chosen "opening-N", rendered
	Request     string // the chosen "request-N", rendered
}

// SenderData is the writer as the body mentions them.
type SenderData struct {
	Known bool   // false when no sender was given
	Name  string // as signed
	// City is the writer's town in the letter's language, or empty when the
	// writer gave none in the letter's language or script.
	City    string
	Country string // name in the letter's language
	// Place is where the writer lives, as the body names it, by the
	// locale's place pattern: "Manchester in the United Kingdom",
	// "Манчестер, Великобритания"; the town alone for a writer in the
	// case's country, the country alone ("the United Kingdom") when City
	// is empty. Every part stays in the nominative.
	Place string
}

// RecipientData is the addressee as the body mentions them.
type RecipientData struct {
	Role  string // to, copy or embassy
	Name  string
	Title string
	// Honorific is what the address block puts before the name: the
	// case's honorific, else the locale's honorific by gender; may be
	// empty.
	Honorific string
	// Style is the word of salutation.by_honorific the honorific starts
	// with (Arabic "معالي", "سعادة"), for a template that speaks to the
	// recipient by it ("معاليكم"); empty when none.
	Style string
}

// Letter renders one letter. The case must have every text of in.Lang
// (casefile.CheckLanguage); a missing one is an error here. The renderer
// remembers what a case's letters share, so a case must not change once
// its first letter is rendered.
func (r *Renderer) Letter(in Input) (doc.Letter, error) {
	l, ok := r.langs[in.Lang]
	if !ok {
		return doc.Letter{}, fmt.Errorf("no templates for language %q; available: %s", in.Lang, strings.Join(r.Languages(), ", "))
	}
	lang, c, rc := in.Lang, in.Case, in.Recipient
	loc := l.locale.regional(in.Region)
	d, err := r.data(in, l, loc)
	if err != nil {
		return doc.Letter{}, err
	}
	tx := func(t casefile.Text) string { s, _ := t.In(lang); return strings.TrimSpace(s) }
	role := d.Recipient.Role
	key := variationKey(in)
	pick := func(group string) (string, error) {
		names := l.variants[group]
		name := names[0]
		if !in.SameText {
			h := fnv.New64a()
			io.WriteString(h, key+"\x00"+group)
			name = names[h.Sum64()%uint64(len(names))]
		}
		s, err := execute(l.tmpl, name, d)
		return oneLine(s), err
	}
	subject, err := pick("subject")
	if err != nil {
		return doc.Letter{}, err
	}
	if d.Opening, err = pick("opening"); err != nil {
		return doc.Letter{}, err
	}
	if d.Request, err = pick("request"); err != nil {
		return doc.Letter{}, err
	}
	body, err := execute(l.tmpl, "body", d)
	if err != nil {
		return doc.Letter{}, err
	}
	sal, untitled := salutation(rc, lang, loc.Salutation)
	out := doc.Letter{
		Lang:       lang,
		Date:       loc.Typography.set(loc.Dateline.line(loc.FormatDate(in.Date), d.Sender.City)),
		Recipient:  addressBlock(rc, in.Sender, lang, loc),
		Subject:    loc.Typography.set(oneLine(subject)),
		Salutation: loc.Typography.set(sal),
		Body:       blocks(body, d.Demands),
		Closing:    loc.Closing,
		PageOf:     loc.PageOf,
	}
	for i := range out.Body {
		out.Body[i].Text = loc.Typography.set(out.Body[i].Text)
		out.Body[i].Marker = digits(loc.Numbering, loc.listMarker(out.Body[i].Marker))
	}
	if g := oneLine(loc.Greeting); g != "" && oneLine(sal) != g {
		out.Body = append([]doc.Block{{Text: loc.Typography.set(g)}}, out.Body...)
	}
	if untitled && loc.ClosingUntitled != "" {
		out.Closing = loc.ClosingUntitled
	}
	out.Closing = loc.Typography.set(strings.ReplaceAll(out.Closing, "{salutation}", strings.TrimRight(sal, " ,:;!.\u00a0\u202f")))
	if s := in.Sender; s != nil {
		out.Sender = senderBlock(s, lang, rc.Country)
		out.ReturnAddress = returnAddress(s, rc.Country)
		out.ReturnLine = strings.Join(out.ReturnAddress, " · ")
		out.Signature = []string{s.Name}
	} else {
		out.Sender = append([]string(nil), loc.BlankSender...)
		out.Signature = []string{loc.BlankSignature}
	}
	if role != casefile.RoleCopy {
		var names []string
		for _, cp := range c.Copies() {
			// The addressee lines name the recipient as the language's
			// copy line does ("Копия: Уполномоченному … А. Ш. Шакирову").
			who := ""
			if lines, ok := cp.Addressee.In(lang); ok {
				who = oneLine(strings.Join(lines, " "))
			}
			if who == "" {
				who = joinNonEmpty(loc.comma()+" ", joinNonEmpty(" ", loc.honorific(cp, lang), tx(cp.Name)), tx(cp.Title))
			}
			if who == "" {
				who = tx(cp.Organisation)
			}
			names = append(names, who)
		}
		if len(names) > 0 {
			out.CopyTo = loc.Typography.set(copyLine(loc.CopyTo, strings.Join(names, loc.semicolon()+" ")))
		}
	}
	return out, nil
}

// Data is what the templates of a letter see, before the chosen opening
// and request are rendered into it (Opening and Request are empty).
func (r *Renderer) Data(in Input) (Data, error) {
	l, ok := r.langs[in.Lang]
	if !ok {
		return Data{}, fmt.Errorf("no templates for language %q; available: %s", in.Lang, strings.Join(r.Languages(), ", "))
	}
	return r.data(in, l, l.locale.regional(in.Region))
}

func (r *Renderer) data(in Input, l *language, loc Locale) (Data, error) {
	lang, c, rc := in.Lang, in.Case, in.Recipient
	ct := r.caseText(c, lang, loc)
	if len(ct.problems) > 0 {
		return Data{}, ct.problems
	}
	tx := func(t casefile.Text) string { s, _ := t.In(lang); return strings.TrimSpace(s) }
	d := Data{Reference: c.Reference, Title: ct.title, Count: len(c.Prisoners), Gender: ct.gender,
		Prisoners: ct.prisoners, Names: ct.names, Facts: ct.facts, Demands: ct.demands, Authorities: ct.authorities}
	role := rc.Role
	if role == "" {
		role = casefile.RoleTo
	}
	d.Recipient = RecipientData{Role: role, Name: caseDigits(loc.Numbering, tx(rc.Name), c.Reference), Title: caseDigits(loc.Numbering, tx(rc.Title), c.Reference),
		Honorific: loc.honorific(rc, lang), Style: loc.Salutation.honorificWord(oneLine(tx(rc.Honorific)))}
	if s := in.Sender; s != nil {
		d.Sender = senderData(s, lang, loc, c.Country)
	}
	d.Note = loc.Typography.set(oneLine(in.Note))
	return d, nil
}

// senderData is the writer as the letter's body names them: the town only
// when it is given in the letter's language, or written in its script.
func senderData(s *casefile.Sender, lang string, loc Locale, caseCountry string) SenderData {
	d := SenderData{Known: true, Name: s.Name}
	city := ""
	for l := range s.City {
		if l != "" {
			if _, _, ok := letter.Match([]string{l}, lang); ok {
				city = oneLine(s.City[l])
			}
		}
	}
	if plain := oneLine(s.City[""]); city == "" && plain != "" && script.Fits(plain, lang) {
		city = plain
	}
	d.City = city
	if s.Country != "" {
		d.Country = country.Name(s.Country, lang)
	}
	if region := country.RegionName(s.Country, s.Region); s.Country == "US" && city != "" && region != "" && script.Fits(region, lang) {
		city += ", " + region // Portland, Oregon
	}
	switch {
	case city != "" && s.Country == caseCountry:
		d.Place = city // an official knows their own country: (Алматы)
	case city != "" && s.Country != "":
		if strings.Contains(city, ",") && strings.Contains(loc.Place, "{city} ") && !strings.Contains(loc.Place, "{city} (") {
			city += "," // an apposition closes with a comma: Portland, Oregon, in …
		}
		d.Place = strings.NewReplacer("{city}", city, "{country}", loc.countryAlone(s.Country, lang)).Replace(loc.Place)
	case city != "":
		d.Place = city
	case s.Country != "":
		d.Place = loc.countryAlone(s.Country, lang)
	}
	return d
}

// variationKey identifies a letter for the choice of wordings: the writer,
// the recipient and the case.
func variationKey(in Input) string {
	w := ""
	if s := in.Sender; s != nil {
		w = s.Name + "\x00" + s.Email + "\x00" + s.PostalCity()
	}
	return w + "\x00" + in.Recipient.ID + "\x00" + in.Case.Reference
}

func execute(t *template.Template, name string, d Data) (string, error) {
	var b strings.Builder
	if err := t.ExecuteTemplate(&b, name, d); err != nil {
		return "", fmt.Errorf("template %s: %w", name, err)
	}
	return b.String(), nil
}

// FormatDate writes t in the locale's long form, in its calendar and
// digits.
func (l Locale) FormatDate(t time.Time) string {
	y, m, d := t.Year(), int(t.Month()), t.Day()
	if l.Calendar == Persian {
		y, m, d = jalali(t)
	}
	day := fmt.Sprint(d)
	if d == 1 && l.FirstDay != "" {
		day = l.FirstDay
	}
	return strings.NewReplacer(
		"{day}", digits(l.Numbering, day),
		"{month}", l.Months[m-1],
		"{year}", digits(l.Numbering, fmt.Sprint(y)),
	).Replace(l.Date)
}

func groupGender(ps []casefile.Prisoner) string {
	g := ""
	for _, p := range ps {
		switch {
		case g == "":
			g = p.Gender
		case g != p.Gender:
			return casefile.Unknown
		}
	}
	if g != casefile.Male && g != casefile.Female {
		return casefile.Unknown
	}
	return g
}

// joinNames joins names as "A", "A and B", "A, B and C" (with and_each
// "A and B and C"), with the word for "and" that the name before it
// takes.
func joinNames(names []string, loc Locale) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	andBefore := func(i int) string {
		and := loc.and(names[i-1], names[i]) + " "
		if loc.AndAttached {
			and = strings.TrimSpace(and)
		}
		return " " + and + names[i]
	}
	if loc.AndEach {
		out := names[0]
		for i := 1; i < len(names); i++ {
			out += andBefore(i)
		}
		return out
	}
	return strings.Join(names[:len(names)-1], loc.comma()+" ") + andBefore(len(names)-1)
}

func (l Locale) comma() string {
	if l.Comma == "" {
		return ","
	}
	return l.Comma
}

func (l Locale) semicolon() string {
	if l.Semicolon == "" {
		return ";"
	}
	return l.Semicolon
}

// and is the word for "and" between word and next.
func (l Locale) and(word, next string) string {
	if len(l.AndBefore) > 0 {
		best, longest := "", 0
		lower := strings.ToLower(next)
		for w, starts := range l.AndBefore {
			for _, st := range starts {
				if st = strings.ToLower(st); len(st) > longest && strings.HasPrefix(lower, st) {
					best, longest = w, len(st)
				}
			}
		}
		if best != "" {
			return best
		}
	}
	last, _ := utf8.DecodeLastRuneInString(word)
	for w, letters := range l.AndAfter {
		if strings.ContainsRune(letters, last) {
			return w
		}
	}
	return l.And
}

var blankLines = regexp.MustCompile(`\n[ \t]*\n`)

// paragraphs splits text at blank lines and folds each paragraph to one line.
func paragraphs(text string) []string {
	var out []string
	for _, p := range blankLines.Split(text, -1) {
		if p = oneLine(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

var itemMarker = regexp.MustCompile(`^(\d+\.|[•–-])\s+`)

// blocks turns a rendered body into paragraphs and list items. A list item
// is a paragraph that starts with a marker ("1.", "•") followed by one of
// the demands: a fact or a note that happens to start with "1. " stays a
// paragraph.
func blocks(body string, items []string) []doc.Block {
	isItem := map[string]bool{}
	for _, it := range items {
		isItem[it] = true
	}
	var out []doc.Block
	for _, p := range paragraphs(body) {
		if m := itemMarker.FindStringSubmatch(p); m != nil && isItem[p[len(m[0]):]] {
			out = append(out, doc.Block{Marker: m[1], Text: p[len(m[0]):]})
			continue
		}
		out = append(out, doc.Block{Text: p})
	}
	return out
}

// salutation is the case's salutation for the recipient, else one derived
// from the recipient's title and gender by the language's rules. untitled
// tells whether it is the language's salutation for an unnamed official
// ("Dear Sir or Madam,"), which takes its own closing.
func salutation(r casefile.Recipient, lang string, rules Salutation) (s string, untitled bool) {
	if s, ok := r.Salutation.In(lang); ok && strings.TrimSpace(s) != "" {
		s = oneLine(s)
		return s, s == rules.Untitled
	}
	title := salutationTitle(r, lang)
	pattern := rules.Unknown
	if name := oneLine(textIn(r.Name, lang)); title == "" && rules.Named == "" && rules.NameAsTitle && name != "" &&
		(r.Gender == casefile.Male || r.Gender == casefile.Female) {
		title = name
	}
	byHonorific := ""
	if title != "" {
		byHonorific = rules.honorificPattern(oneLine(textIn(r.Honorific, lang)), r.Gender)
	}
	switch {
	case title == "" && rules.Named != "" && oneLine(textIn(r.Name, lang)) != "":
		return strings.ReplaceAll(rules.Named, "{name}", oneLine(textIn(r.Name, lang))), false
	case title == "" && rules.Organisation != "" && oneLine(textIn(r.Name, lang)) == "" && oneLine(textIn(r.Organisation, lang)) != "":
		return strings.ReplaceAll(rules.Organisation, "{organisation}", oneLine(textIn(r.Organisation, lang))), true
	case title == "":
		return rules.Untitled, true
	case byHonorific != "":
		pattern = byHonorific
	case r.Gender == casefile.Male:
		pattern = rules.Male
	case r.Gender == casefile.Female:
		pattern = rules.Female
	case pattern == "":
		// Check reports this; a letter still gets the neutral form.
		return rules.Untitled, true
	}
	for w, e := range rules.Elide {
		if r, _ := utf8.DecodeRuneInString(title); strings.ContainsRune("AEIOUÀÂÉÈÊËÎÏÔÛÙŒaeiouàâéèêëîïôûùœ", r) {
			pattern = strings.ReplaceAll(pattern, " "+w+" {title}", " "+e+"{title}")
		}
	}
	return strings.ReplaceAll(pattern, "{title}", title), false
}

// honorificWord is the word of by_honorific that honorific starts with
// (the longest, as a whole word), or "".
func (sal Salutation) honorificWord(honorific string) string {
	best := ""
	for w := range sal.ByHonorific {
		rest, ok := strings.CutPrefix(honorific, w)
		if r, _ := utf8.DecodeRuneInString(rest); ok && w != "" && len(w) > len(best) && (rest == "" || unicode.IsSpace(r)) {
			best = w
		}
	}
	return best
}

// honorificPattern is the salutation pattern by_honorific gives a
// recipient whose honorific is honorific, for gender: that of the longest
// word it starts with (see honorificWord). "" when none.
func (sal Salutation) honorificPattern(honorific, gender string) string {
	if w := sal.honorificWord(honorific); w != "" {
		return sal.ByHonorific[w].of(gender)
	}
	return ""
}

func textIn(t casefile.Text, lang string) string { s, _ := t.In(lang); return s }

// salutationTitle is the title a derived salutation uses: the short
// title, else the title, capitalised.
func salutationTitle(r casefile.Recipient, lang string) string {
	title, ok := r.ShortTitle.In(lang)
	if !ok || strings.TrimSpace(title) == "" {
		title, _ = r.Title.In(lang)
	}
	return script.Capitalise(oneLine(title))
}

// Address is the address block of recipient rc in a letter in lang from
// an unknown writer (the destination line printed): the longest it gets.
func (r *Renderer) Address(rc casefile.Recipient, lang string) []string {
	l, ok := r.langs[lang]
	if !ok {
		return nil
	}
	return addressBlock(rc, nil, lang, l.locale)
}

// Check reports what a letter in lang needs and the case lacks beyond its
// texts (casefile.CheckLanguage): a recipient whose salutation is derived
// from a title in a language that cannot address an official of unknown
// gender needs a gender or a salutation of its own, and letters that urge
// the authorities of the case's country need to know the country.
func (r *Renderer) Check(c *casefile.Case, lang string) input.Problems {
	l, ok := r.langs[lang]
	if !ok {
		return nil
	}
	var ps input.Problems
	c.Printed(lang, func(path, text string) {
		if rs := pdf.Unprintable(text); len(rs) > 0 {
			ps = append(ps, c.Problem(path, "%s", input.Unprintable(text, rs)))
		}
	})
	if _, given := c.Authorities.In(lang); !given && c.Country == "" && strings.Contains(l.locale.Authorities, "{country}") {
		for _, rc := range c.Recipients {
			if rc.Role == casefile.RoleCopy || rc.Role == casefile.RoleEmbassy {
				ps = append(ps, c.Problem("country", "letters in %s to %s recipients urge the authorities of the case's country: give country (an ISO code such as KZ) or authorities.%s",
					input.LanguageName(lang), rc.Role, lang))
				break
			}
		}
	}
	if l.locale.AddresseeRequired {
		for i, rc := range c.Recipients {
			if _, ok := rc.Addressee.In(lang); !ok && (len(rc.Name) > 0 || len(rc.Title) > 0) {
				ps = append(ps, c.Problem(fmt.Sprintf("recipients[%d]", i),
					"%s address block names the official in the form its post and offices expect (the dative: \"%s\"), which appeal cannot work out: give addressee.%s, the lines above the address",
					aLanguage(lang), l.locale.AddresseeExample, lang))
			}
		}
	}
	end := l.locale.Salutation.End()
	for i, rc := range c.Recipients {
		if s, ok := rc.Salutation.In(lang); ok && strings.TrimSpace(s) != "" {
			if end != "" && !strings.HasSuffix(strings.TrimSpace(s), end) {
				ps = append(ps, c.Problem(fmt.Sprintf("recipients[%d].salutation.%s", i, lang),
					"%s salutation ends with %q, as in %q: add it", aLanguage(lang), end, strings.ReplaceAll(l.locale.Salutation.Male, "{title}", "…")))
			}
			continue
		}
		title := salutationTitle(rc, lang)
		switch {
		case title == "" && oneLine(textIn(rc.Name, lang)) != "" && l.locale.Salutation.Named == "" && l.locale.Salutation.NameAsTitle:
			if rc.Gender != casefile.Male && rc.Gender != casefile.Female {
				ps = append(ps, c.Problem(fmt.Sprintf("recipients[%d].gender", i),
					"%s letter addresses a named official without a title by name with a word for Mr or Ms (%s / %s): give gender: male or female, or salutation.%s",
					aLanguage(lang), strings.ReplaceAll(l.locale.Salutation.Male, "{title}", oneLine(textIn(rc.Name, lang))),
					strings.ReplaceAll(l.locale.Salutation.Female, "{title}", oneLine(textIn(rc.Name, lang))), lang))
			}
		case title == "" && oneLine(textIn(rc.Name, lang)) != "" && l.locale.Salutation.Named == "":
			form := "by surname, with the word for Mr or Ms"
			if lang == "ru" || lang == "kk" {
				form = "by name and patronymic"
			}
			ps = append(ps, c.Problem(fmt.Sprintf("recipients[%d]", i),
				"%s letter to a named official without a title opens with a salutation %s, which appeal cannot work out: give salutation.%s",
				aLanguage(lang), form, lang))
		case title != "" && len(fields(title)) > 5:
			if _, short := rc.ShortTitle.In(lang); !short {
				ps = append(ps, c.Problem(fmt.Sprintf("recipients[%d].title", i),
					"%q is long for a salutation (%s); give short_title.%s (\"%s\") or salutation.%s",
					title, strings.ReplaceAll(l.locale.Salutation.Male, "{title}", title), lang, fields(title)[0], lang))
			}
		}
	}
	if l.locale.Salutation.Unknown != "" {
		return ps
	}
	for i, rc := range c.Recipients {
		if s, ok := rc.Salutation.In(lang); ok && strings.TrimSpace(s) != "" {
			continue
		}
		if rc.Gender == casefile.Male || rc.Gender == casefile.Female || salutationTitle(rc, lang) == "" ||
			l.locale.Salutation.honorificPattern(oneLine(textIn(rc.Honorific, lang)), rc.Gender) != "" {
			continue
		}
		title := salutationTitle(rc, lang)
		ps = append(ps, c.Problem(fmt.Sprintf("recipients[%d].gender", i),
			"%s letter addresses an official by title with a word for Mr or Ms (%s / %s): give gender: male or female, or salutation.%s",
			aLanguage(lang), strings.ReplaceAll(l.locale.Salutation.Male, "{title}", title),
			strings.ReplaceAll(l.locale.Salutation.Female, "{title}", title), lang))
	}
	return ps
}

// aLanguage is the English name of lang with its article, for messages:
// "a Russian", "an Arabic".
func aLanguage(lang string) string {
	name := input.LanguageName(lang)
	if name != "" && strings.ContainsAny(name[:1], "AEIOaeio") || strings.HasPrefix(name, "U") && !strings.HasPrefix(name, "Uk") && !strings.HasPrefix(name, "Uy") {
		return "an " + name
	}
	return "a " + name
}

// End is the punctuation every salutation of the language ends with (","
// in English and German, "!" in Russian, ":" in Spanish), or "" when its
// salutations do not agree.
func (sal Salutation) End() string {
	end := ""
	ps := []string{sal.Male, sal.Female, sal.Unknown, sal.Named, sal.Untitled, sal.Organisation}
	for _, g := range sal.ByHonorific {
		ps = append(ps, g.Male, g.Female, g.Unknown)
	}
	for _, p := range ps {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		r, _ := utf8.DecodeLastRuneInString(p)
		if !unicode.IsPunct(r) {
			return ""
		}
		if end != "" && end != string(r) {
			return ""
		}
		end = string(r)
	}
	return end
}

// copyLine puts the names of the copy recipients into the locale's
// copy_to: in place of {names} (Persian "رونوشت: {names} جهت استحضار"),
// else after it, as a label ("Copy to: …").
func copyLine(pattern, names string) string {
	if strings.Contains(pattern, "{names}") {
		return strings.ReplaceAll(pattern, "{names}", names)
	}
	return pattern + " " + names
}
