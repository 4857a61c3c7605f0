// Package casefile reads and checks case files: the YAML that describes an
// Urgent Action's prisoners, demands and recipients. It is the first step
// of the data flow: case.yaml -> casefile.Load -> Validate -> letter.Plan.
package casefile

import (
	"appeal/internal/input"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"appeal/internal/country"

	"go.yaml.in/yaml/v3"
)

// Text is a text the letter prints: one string for every language (key "")
// or a string per BCP 47 language tag.
type Text map[string]string

// In returns the text for lang, else for a more general tag of it (en-GB
// falls back to en), else the language-neutral form.
func (t Text) In(lang string) (string, bool) {
	for l := range fallbacks(lang) {
		if s, ok := t[l]; ok {
			return s, true
		}
	}
	return "", false
}

// fallbacks yields lang, then each shorter tag made by dropping its last
// subtag ("sr-Latn-RS", "sr-Latn", "sr"), then "".
func fallbacks(lang string) func(yield func(string) bool) {
	return func(yield func(string) bool) {
		for lang != "" {
			if !yield(lang) {
				return
			}
			i := strings.LastIndexByte(lang, '-')
			if i < 0 {
				break
			}
			lang = lang[:i]
		}
		yield("")
	}
}

// Lines are lines of text, such as the lines of an address: one list for
// every language (key "") or a list per BCP 47 language tag.
type Lines map[string][]string

// In returns the lines for lang, falling back to the language-neutral form.
func (l Lines) In(lang string) ([]string, bool) {
	for k := range fallbacks(lang) {
		if s, ok := l[k]; ok {
			return s, true
		}
	}
	return nil, false
}

// Date is a calendar day (time at 00:00 UTC).
type Date struct{ time.Time }

// Case is one Urgent Action.
type Case struct {
	Reference string `yaml:"reference"`
	Title     Text   `yaml:"title"`
	Country   string `yaml:"country"`
	Deadline  Date   `yaml:"deadline"`
	// AfterDeadline is what the Urgent Action says to do after the
	// deadline ("check with your section office before sending"), for the
	// writer or organiser, in their language: a plain string for every
	// language, or a string per language as the other texts. Letters do
	// not print it, so it need not be given in every letter language.
	AfterDeadline Text     `yaml:"after_deadline"`
	Languages     []string `yaml:"languages"`
	// OwnLanguage says that the recipients accept letters in the writer's
	// own language ("write in Kazakh, Russian, English or your own
	// language"): any language the case has texts in, not only Languages.
	OwnLanguage bool       `yaml:"own_language"`
	Prisoners   []Prisoner `yaml:"prisoners"`
	Facts       Text       `yaml:"facts"`
	Demands     []Text     `yaml:"demands"`
	// Authorities names the authorities of the country the case is about, in
	// the form the letters urge them: "the authorities of Kazakhstan",
	// ru "власти Республики Казахстан" (accusative), kk "Қазақстан
	// Республикасының билігін". Letters to copy and embassy recipients
	// urge the authorities rather than ask the recipient to act.
	Authorities Text        `yaml:"authorities"`
	Recipients  []Recipient `yaml:"recipients"`

	file   string
	lines  map[string]int
	checks []input.Problem // values import marked "# check:"
}

// Prisoner is a person the case is about.
type Prisoner struct {
	Name   Text   `yaml:"name"`
	Gender string `yaml:"gender"`
}

// Roles of a recipient.
const (
	RoleTo      = "to"      // a main addressee: gets a letter
	RoleCopy    = "copy"    // named on the "copy to" line and gets a copy
	RoleEmbassy = "embassy" // the country's diplomatic representative
)

// Genders of a person.
const (
	Male    = "male"
	Female  = "female"
	Unknown = "unknown"
)

// Recipient is an official the letters go to.
type Recipient struct {
	ID           string `yaml:"id"`
	Role         string `yaml:"role"`
	Name         Text   `yaml:"name"`
	Title        Text   `yaml:"title"`
	ShortTitle   Text   `yaml:"short_title"`
	Gender       string `yaml:"gender"`
	Organisation Text   `yaml:"organisation"`
	CareOf       Text   `yaml:"care_of"`
	// Addressee, when given for a language, replaces the name, title and
	// organisation at the top of the address block in that language's
	// letters, in the form its postal custom addresses a person: Russian
	// GOST R 7.0.97 puts title and name in the dative ("Генеральному
	// прокурору Республики Казахстан", "г-ну Асанову Ж. К."), Kazakh the
	// name ("Ж. Қ. Асановқа"). No rule computes these forms.
	Addressee Lines `yaml:"addressee"`
	// Honorific goes before the name in the address block: "His
	// Excellency Mr", "Ms".
	Honorific  Text   `yaml:"honorific"`
	Address    Lines  `yaml:"address"`
	Country    string `yaml:"country"`
	Fax        string `yaml:"fax"`
	Phone      string `yaml:"phone"`
	Email      string `yaml:"email"`
	Salutation Text   `yaml:"salutation"`
}

// Unchecked lists the values still marked "# check:" by appeal import, with
// their lines: a draft a person has not finished checking.
func (c *Case) Unchecked() []input.Problem { return c.checks }

// File is the name the case was loaded from, as used in messages.
func (c *Case) File() string { return c.file }

// Load reads a case file and checks its structure. name is the file name
// used in messages. Every problem found is returned at once as input.Problems;
// with them, Load returns the case as far as it could be read (nil when
// the file is not YAML at all), so that a caller can add its own checks
// to the same report.
func Load(name string, r io.Reader) (*Case, error) {
	root, data, err := parse(name, r)
	if err != nil {
		return nil, err
	}
	c := &Case{file: name, checks: checkMarks(name, data)}
	lines, err := decodeInto(name, root, c)
	c.lines = lines
	var ps, unread input.Problems
	if err != nil {
		ps = err.(input.Problems)
		unread = ps
	}
	// Check what did decode too, so that one run lists every problem; but say
	// nothing more of a field that could not be read.
	for _, p := range c.validate() {
		if !unread.Under(p.Path) && !unread.Within(p.Path) {
			ps = append(ps, p)
		}
	}
	if len(ps) > 0 {
		ps.Sort()
		if looksLikeSender(root) {
			// Its fields would each be "unknown", and a case's each
			// "required": one line says what is wrong.
			ps = input.Problems{{File: name, Line: root.Line, Msg: senderNotCase}}
		}
		return c, ps
	}
	return c, nil
}

const senderNotCase = "this looks like a sender file (name, city, country), not a case file: give it with --sender, and the case file first"

// looksLikeSender reports whether root is the map of a sender file:
// name and city, and no field of a case.
func looksLikeSender(root *yaml.Node) bool {
	if root.Kind != yaml.MappingNode {
		return false
	}
	keys := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		keys[root.Content[i].Value] = true
	}
	return keys["name"] && keys["city"] && !keys["reference"] && !keys["recipients"]
}

// LoadFile is Load of the file at path. A file that cannot be opened gives
// the *fs.PathError of os.Open.
func LoadFile(path string) (*Case, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Load(path, f)
}

// line is the line of path, or of the nearest enclosing value present.
func (c *Case) line(path string) int {
	for {
		if n, ok := c.lines[path]; ok {
			return n
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			return c.lines[""]
		}
		path = path[:i]
	}
}

// Problem is a problem at path (e.g. "recipients[2].gender"), with the
// line of that path, or of the nearest enclosing value the file gives.
func (c *Case) Problem(path, format string, args ...any) input.Problem {
	return c.problem(path, format, args...)
}

func (c *Case) problem(path, format string, args ...any) input.Problem {
	return input.Problem{File: c.file, Line: c.line(path), Path: path, Msg: fmt.Sprintf(format, args...)}
}

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// validate checks what every case needs, whatever the letter language.
func (c *Case) validate() input.Problems {
	var ps input.Problems
	add := func(path, format string, args ...any) { ps = append(ps, c.problem(path, format, args...)) }
	if strings.TrimSpace(c.Reference) == "" {
		add("reference", "required: the Urgent Action's reference, e.g. UA 115/16")
	}
	if code := strings.ToUpper(c.Country); c.Country != "" && !country.Valid(code) {
		add("country", "%q is not an ISO 3166-1 country code such as KZ", c.Country)
	} else {
		c.Country = code
	}
	for i, l := range c.Languages {
		if !validTag(l) {
			add(fmt.Sprintf("languages[%d]", i), "%q is not a language tag such as en, ru or kk", l)
		} else {
			c.Languages[i] = canonicalTag(l)
		}
	}
	if len(c.Prisoners) == 0 {
		add("prisoners", "required: at least one prisoner")
	}
	for i, p := range c.Prisoners {
		path := fmt.Sprintf("prisoners[%d]", i)
		if len(p.Name) == 0 {
			add(path+".name", "required")
		}
		if !validGender(p.Gender) {
			add(path+".gender", "%q is not one of male, female, unknown", p.Gender)
		}
	}
	if len(c.Demands) == 0 {
		add("demands", "required: at least one demand")
	}
	if len(c.Recipients) == 0 {
		add("recipients", "required: at least one recipient")
	}
	ids := map[string]int{}
	to := 0
	for i, r := range c.Recipients {
		path := fmt.Sprintf("recipients[%d]", i)
		switch {
		case r.ID == "":
			add(path+".id", "required: a short name such as prosecutor-general")
		case !idPattern.MatchString(r.ID):
			add(path+".id", "%q may hold only lower-case letters, digits, '-' and '_', starting with a letter or digit", r.ID)
		default:
			if j, dup := ids[r.ID]; dup {
				add(path+".id", "%q is already the id of recipients[%d]", r.ID, j)
			}
			ids[r.ID] = i
		}
		switch r.Role {
		case "", RoleTo:
			to++
		case RoleCopy, RoleEmbassy:
		default:
			add(path+".role", "%q is not one of to, copy, embassy", r.Role)
		}
		if len(r.Name) == 0 && len(r.Title) == 0 && len(r.Organisation) == 0 {
			add(path, "needs a name, a title or an organisation")
		}
		if !validGender(r.Gender) {
			add(path+".gender", "%q is not one of male, female, unknown", r.Gender)
		}
		if len(r.Address) == 0 {
			add(path+".address", "required: the postal address lines")
		}
		for k, lines := range r.Address {
			if len(lines) == 0 {
				add(join(path+".address", k), "empty; give the postal address lines")
			}
		}
		for k, lines := range r.Addressee {
			switch {
			case len(lines) == 0:
				add(join(path+".addressee", k), "empty; give the lines that address the recipient, or leave the field out")
			case len(lines) > 4:
				add(join(path+".addressee", k), "%d lines; the top of an address block takes at most 4", len(lines))
			}
		}
		if code := strings.ToUpper(r.Country); r.Country == "" {
			add(path+".country", "required: the ISO 3166-1 code of the country the address is in, e.g. KZ")
		} else if !country.Valid(code) {
			add(path+".country", "%q is not an ISO 3166-1 country code such as KZ", r.Country)
		} else {
			c.Recipients[i].Country = code
		}
		if r.Email != "" && !strings.Contains(r.Email, "@") {
			add(path+".email", "%q is not an e-mail address", r.Email)
		}
	}
	if len(c.Recipients) > 0 && to == 0 {
		add("recipients", "no recipient has role to: whom should the letters go to?")
	}
	ps = append(ps, c.checkTags()...)
	ps.Sort()
	return ps
}

// checkTags checks that every language key of every text is a language
// tag, and writes each in its canonical form (EN -> en). A case whose
// texts are all plain strings must say in languages which language they
// are in.
func (c *Case) checkTags() input.Problems {
	var ps input.Problems
	check := func(path, k string) bool {
		if k != "" && !validTag(k) {
			ps = append(ps, c.problem(path+"."+k, "%q is not a language tag such as en, ru or kk", k))
			return false
		}
		return canonicalTag(k) != k
	}
	fix := func(path string, t Text, _ bool) {
		for k, v := range t {
			if check(path, k) {
				delete(t, k)
				t[canonicalTag(k)] = v
			}
		}
	}
	c.eachText(fix)
	fix("after_deadline", c.AfterDeadline, false)
	for i, r := range c.Recipients {
		for _, f := range []struct {
			name string
			l    Lines
		}{{"address", r.Address}, {"addressee", r.Addressee}} {
			for k, v := range f.l {
				if canonicalTag(k) != k && validTag(k) {
					delete(f.l, k)
					f.l[canonicalTag(k)] = v
				}
			}
		}
		_ = i
	}
	if len(ps) == 0 && len(c.Mentioned()) == 0 {
		ps = append(ps, c.problem("languages", "required: the texts are plain strings, so say which language they are in, e.g. languages: [en]"))
	}
	return ps
}

// canonicalTag writes a valid tag the way the templates are named: "EN" -> "en", "en-gb" -> "en-GB".
func canonicalTag(s string) string {
	if t, ok := input.Tag(s); ok {
		return t
	}
	return s
}

// eachText calls f for every text a letter may print; required tells
// whether a letter cannot do without it. The title names the case in
// listings and in the PDF's metadata; letters can do without it.
func (c *Case) eachText(f func(path string, t Text, required bool)) {
	f("title", c.Title, false)
	for i, p := range c.Prisoners {
		f(fmt.Sprintf("prisoners[%d].name", i), p.Name, true)
	}
	f("facts", c.Facts, true)
	for i, d := range c.Demands {
		f(fmt.Sprintf("demands[%d]", i), d, true)
	}
	f("authorities", c.Authorities, false)
	for i, r := range c.Recipients {
		path := fmt.Sprintf("recipients[%d]", i)
		f(path+".name", r.Name, false)
		f(path+".title", r.Title, false)
		f(path+".short_title", r.ShortTitle, false)
		f(path+".organisation", r.Organisation, false)
		f(path+".care_of", r.CareOf, false)
		f(path+".honorific", r.Honorific, false)
		f(path+".salutation", r.Salutation, false)
		f(path+".address", linesText(r.Address), true)
		f(path+".addressee", linesText(r.Addressee), false)
	}
}

// Printed calls f for every text of the case that a letter in lang
// prints, with its path: names, titles, facts, demands, address lines.
func (c *Case) Printed(lang string, f func(path, text string)) {
	c.eachText(func(path string, t Text, _ bool) {
		if path == "title" || strings.HasSuffix(path, ".address") || strings.HasSuffix(path, ".addressee") {
			return // not printed, or checked line by line below
		}
		if s, ok := t[lang]; ok {
			f(path+"."+lang, s)
		} else if s, ok := t.In(lang); ok {
			f(path, s)
		}
	})
	for i, r := range c.Recipients {
		for _, l := range []struct {
			name  string
			lines Lines
		}{{"address", r.Address}, {"addressee", r.Addressee}} {
			if ls, ok := l.lines.In(lang); ok {
				for j, s := range ls {
					f(fmt.Sprintf("recipients[%d].%s[%d]", i, l.name, j), s)
				}
			}
		}
	}
}

// linesText stands for l in the checks of texts: the same keys, each with
// its lines joined.
func linesText(l Lines) Text {
	if l == nil {
		return nil
	}
	t := Text{}
	for k, v := range l {
		t[k] = strings.Join(v, "\n")
	}
	return t
}

// CheckLanguage reports every text a letter in lang would need and the case
// lacks. An optional text given in some languages must be given in lang too:
// a recipient's title in English only would otherwise print in English in a
// Russian letter.
func (c *Case) CheckLanguage(lang string) input.Problems {
	var ps input.Problems
	c.eachText(func(path string, t Text, required bool) {
		if len(t) == 0 && !required {
			return
		}
		if path == "title" || strings.HasSuffix(path, ".salutation") || strings.HasSuffix(path, ".short_title") ||
			strings.HasSuffix(path, ".honorific") || strings.HasSuffix(path, ".addressee") {
			return // not printed, or derived when missing
		}
		s, ok := t.In(lang)
		switch {
		case !ok:
			ps = append(ps, c.problem(path+"."+lang, "missing for letter language %s", lang))
		case strings.TrimSpace(s) == "" && required:
			ps = append(ps, c.problem(path+"."+lang, "empty; the letter needs this text"))
		}
	})
	return ps
}

// Offered lists the languages a letter can be written in: those in which
// every text the letter prints is given, sorted.
func (c *Case) Offered() []string {
	var out []string
	for _, l := range c.Mentioned() {
		if len(c.CheckLanguage(l)) == 0 {
			out = append(out, l)
		}
	}
	return out
}

// Mentioned lists, sorted, every language the case names: in languages and
// as a key of any text.
func (c *Case) Mentioned() []string {
	set := map[string]bool{}
	for _, l := range c.Languages {
		set[l] = true
	}
	c.eachText(func(_ string, t Text, _ bool) {
		for k := range t {
			if k != "" {
				set[k] = true
			}
		}
	})
	out := make([]string, 0, len(set))
	for l := range set {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}

// Copies returns the recipients with role copy, in file order: the letters
// name them on their "copy to" line.
func (c *Case) Copies() []Recipient {
	var out []Recipient
	for _, r := range c.Recipients {
		if r.Role == RoleCopy {
			out = append(out, r)
		}
	}
	return out
}

func validGender(g string) bool {
	return g == "" || g == Male || g == Female || g == Unknown
}

func validTag(s string) bool {
	_, ok := input.Tag(s)
	return ok
}

// AfterDeadlineIn returns what the case says to do after the deadline,
// for a reader of lang: the text in lang (or the one for every language),
// else the text in the first of the case's languages that has one, else
// in English, else in any language. in is the language of the text when
// it is not lang's, so that the caller can say so; "" when it is. ok is
// false when the case says nothing.
func (c *Case) AfterDeadlineIn(lang string) (text, in string, ok bool) {
	t := c.AfterDeadline
	if s, found := t.In(lang); found && strings.TrimSpace(s) != "" {
		return s, "", true
	}
	others := append(slices.Clone(c.Languages), "en")
	keys := slices.Sorted(maps.Keys(t))
	for _, l := range append(others, keys...) {
		if s := t[l]; l != "" && strings.TrimSpace(s) != "" {
			return s, l, true
		}
	}
	return "", "", false
}

// DaysLeft is the number of days from today to the case's deadline: 0 on
// the day itself, negative after it. ok is false when the case has none.
func (c *Case) DaysLeft(today time.Time) (days int, ok bool) {
	if c.Deadline.IsZero() {
		return 0, false
	}
	t := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	d := time.Date(c.Deadline.Year(), c.Deadline.Month(), c.Deadline.Day(), 0, 0, 0, 0, time.UTC)
	return int(d.Sub(t).Hours() / 24), true
}

// LoadDir reads every case file (*.yaml, *.yml) in dir, sorted by name.
// The cases that load are returned; the problems of those that do not are
// returned with them, so that one broken file does not hide the others.
//
// A sender file in the folder (examples keep one beside the cases) is
// not a case, and is passed over without a word.
func LoadDir(dir string) ([]*Case, error) {
	var names []string
	for _, pat := range []string{"*.yaml", "*.yml"} {
		m, err := filepath.Glob(filepath.Join(dir, pat))
		if err != nil {
			return nil, err
		}
		names = append(names, m...)
	}
	sort.Strings(names)
	var cases []*Case
	var errs []error
	for _, n := range names {
		c, err := LoadFile(n)
		var ps input.Problems
		if errors.As(err, &ps) && len(ps) == 1 && ps[0].Msg == senderNotCase {
			continue
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		cases = append(cases, c)
	}
	return cases, errors.Join(errs...)
}
