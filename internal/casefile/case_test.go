package casefile

import (
	"appeal/internal/input"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const valid = `reference: UA 1/26
title: {en: A case, ru: Дело}
country: KZ
deadline: 2026-12-01
languages: [ru, en]
prisoners:
  - name: {en: Anna Ivanova, ru: Анна Иванова}
    gender: female
facts: {en: Facts., ru: Факты.}
demands:
  - {en: Release her., ru: Освободить её.}
recipients:
  - id: minister
    title: {en: Minister, ru: Министр}
    address: [1 Street, Astana]
    country: KZ
`

func TestLoadValid(t *testing.T) {
	c, err := Load("case.yaml", strings.NewReader(valid))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Deadline.Format("2006-01-02"); got != "2026-12-01" {
		t.Errorf("deadline %s", got)
	}
	if got := strings.Join(c.Offered(), ","); got != "en,ru" {
		t.Errorf("offered %q, want en,ru", got)
	}
	if s, _ := c.Recipients[0].Title.In("ru"); s != "Министр" {
		t.Errorf("title %q", s)
	}
}

// TestAfterDeadline: what to do after the deadline is a text per language
// like the others, or one string for every language; a reader whose
// language it lacks gets it in the case's first language that has it, and
// is told which. It does not narrow the letters' languages.
func TestAfterDeadline(t *testing.T) {
	c, err := Load("case.yaml", strings.NewReader(valid+"after_deadline: {RU: Спросите секцию., de: Fragen Sie Ihre Sektion.}\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ lang, text, in string }{
		{"ru", "Спросите секцию.", ""},
		{"de-AT", "Fragen Sie Ihre Sektion.", ""},
		{"kk", "Спросите секцию.", "ru"}, // the case's languages first: ru, en
		{"en", "Спросите секцию.", "ru"},
	} {
		text, in, ok := c.AfterDeadlineIn(tt.lang)
		if !ok || text != tt.text || in != tt.in {
			t.Errorf("AfterDeadlineIn(%s) = %q, %q, %v; want %q, %q", tt.lang, text, in, ok, tt.text, tt.in)
		}
	}
	if got := strings.Join(c.Offered(), ","); got != "en,ru" {
		t.Errorf("offered %q, want en,ru", got)
	}
	c, err = Load("case.yaml", strings.NewReader(valid+"after_deadline: Ask your section.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if text, in, ok := c.AfterDeadlineIn("fr"); text != "Ask your section." || in != "" || !ok {
		t.Errorf("one string for every language: %q, %q, %v", text, in, ok)
	}
	c, _ = Load("case.yaml", strings.NewReader(valid))
	if _, _, ok := c.AfterDeadlineIn("en"); ok {
		t.Error("a case without after_deadline says something")
	}
	if _, err := Load("case.yaml", strings.NewReader(valid+"after_deadline: {english: Ask.}\n")); err == nil || !strings.Contains(err.Error(), "after_deadline.english") {
		t.Errorf("a bad language tag in after_deadline: %v", err)
	}
}

// TestLoadRejects feeds the bad inputs people really write and checks the
// message names the file, the line and the field.
func TestLoadRejects(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []string // each must appear in the error
	}{
		{"not YAML", "reference: [UA\n", []string{"case.yaml:", "not valid YAML"}},
		{"tabs", "reference:\n\t- x\n", []string{"case.yaml:2: not valid YAML"}},
		{"empty", "", []string{"case.yaml:1: the file is empty"}},
		{"a second document", valid + "---\nreference: UA 2/26\n", []string{"case.yaml:17: a second YAML document starts here (after ---)"}},
		{"a list where a map belongs", "- reference: x\n", []string{"case.yaml:1: expected a map of fields, found a list"}},
		{"recipients as a map", valid[:strings.Index(valid, "recipients:")] + "recipients: {id: minister}\n",
			[]string{"case.yaml:12: recipients: expected a list, found a map"}},
		{"unknown field with a suggestion", strings.Replace(valid, "deadline:", "dedline:", 1),
			[]string{`case.yaml:4: dedline: unknown field; did you mean "deadline"?`}},
		{"unknown field listed", valid + "colour: red\n", []string{"case.yaml:17: colour: unknown field; known fields: after_deadline, authorities, country, deadline"}},
		{"unknown field in a recipient", strings.Replace(valid, "    country: KZ\n", "    country: KZ\n    fax_number: 1\n", 1),
			[]string{"case.yaml:17: recipients[0].fax_number: unknown field"}},
		{"no recipients", valid[:strings.Index(valid, "recipients:")] + "recipients: []\n",
			[]string{"case.yaml:12: recipients: required: at least one recipient"}},
		{"recipients missing", valid[:strings.Index(valid, "recipients:")], []string{"recipients: required"}},
		{"own_language not a yes or no", valid + "own_language: sometimes\n",
			[]string{`case.yaml:17: own_language: "sometimes": write true or false`}},
		{"own_language a list", valid + "own_language: [de]\n",
			[]string{`case.yaml:17: own_language: expected true or false, found a list`}},
		{"unknown language tag", strings.Replace(valid, "[ru, en]", "[ru, english!]", 1),
			[]string{`case.yaml:5: languages[1]: "english!" is not a language tag`}},
		{"bad tag as text key", strings.Replace(valid, "{en: Facts., ru: Факты.}", "{en: Facts., russian language: Факты.}", 1),
			[]string{`case.yaml:9: facts.russian language: "russian language" is not a language tag`}},
		{"deadline not a date", strings.Replace(valid, "2026-12-01", "next Friday", 1),
			[]string{`case.yaml:4: deadline: "next Friday" is not a date; write it as YYYY-MM-DD`}},
		{"impossible date", strings.Replace(valid, "2026-12-01", "2026-02-30", 1), []string{`deadline: "2026-02-30": February 2026 has 28 days`}},
		{"month 13", strings.Replace(valid, "2026-12-01", "2026-13-01", 1), []string{`case.yaml:4: deadline: "2026-13-01": 13 is not a month; months go from 01 to 12`}},
		{"id with a path", strings.Replace(valid, "id: minister", "id: ../../etc/passwd", 1),
			[]string{`case.yaml:13: recipients[0].id: "../../etc/passwd" may hold only lower-case letters`}},
		{"duplicate id", strings.Replace(valid, "    country: KZ\n", "    country: KZ\n  - {id: minister, title: X, address: [Y], country: KZ}\n", 1),
			[]string{`recipients[1].id: "minister" is already the id of recipients[0]`}},
		{"bad role", strings.Replace(valid, "id: minister", "id: minister\n    role: cc", 1), []string{`recipients[0].role: "cc" is not one of to, copy, embassy`}},
		{"only copies", strings.Replace(valid, "id: minister", "id: minister\n    role: copy", 1), []string{"no recipient has role to"}},
		{"bad gender", strings.Replace(valid, "gender: female", "gender: f", 1), []string{`case.yaml:8: prisoners[0].gender: "f" is not one of male, female, unknown`}},
		{"bad country", strings.Replace(valid, "country: KZ\ndeadline", "country: Kazakhstan\ndeadline", 1), []string{`case.yaml:3: country: "Kazakhstan" is not an ISO 3166-1 country code`}},
		{"text as a list", strings.Replace(valid, "facts: {en: Facts., ru: Факты.}", "facts: [a, b]", 1), []string{"case.yaml:9: facts: expected text or a map"}},
		{"field twice", valid + "reference: again\n", []string{"case.yaml:17: reference: field given twice"}},
		{"alias bomb", `a: &a ["x","x","x","x","x","x","x","x","x","x"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]
reference: x
demands: *g
recipients: [*g, *g, *g]
prisoners: *g
`, []string{"demands[0]: expected text", "more problems"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load("case.yaml", strings.NewReader(tt.yaml))
			if err == nil {
				t.Fatal("no error")
			}
			if !input.IsInvalid(err) {
				t.Errorf("error %T is not input.Problems", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error\n%s\ndoes not contain\n%s", err, w)
				}
			}
		})
	}
}

func TestLoadReportsEveryProblem(t *testing.T) {
	bad := strings.NewReplacer("gender: female", "gender: f", "id: minister", "id: Minister!", "2026-12-01", "soon").Replace(valid)
	_, err := Load("case.yaml", strings.NewReader(bad))
	ps, ok := err.(input.Problems)
	if !ok {
		t.Fatalf("got %v", err)
	}
	if len(ps) != 3 {
		t.Errorf("got %d problems, want 3:\n%s", len(ps), err)
	}
}

func TestLoadTooLarge(t *testing.T) {
	big := valid + "# " + strings.Repeat("x", 10<<20) + "\n"
	_, err := Load("big.yaml", strings.NewReader(big))
	if err == nil || !strings.Contains(err.Error(), "big.yaml: file is larger than 1024 KiB") {
		t.Fatalf("got %v", err)
	}
}

func TestCheckLanguage(t *testing.T) {
	y := strings.Replace(valid, "title: {en: Minister, ru: Министр}", "title: {en: Minister}", 1)
	c, err := Load("case.yaml", strings.NewReader(y))
	if err != nil {
		t.Fatal(err)
	}
	if ps := c.CheckLanguage("en"); len(ps) != 0 {
		t.Errorf("en: %v", ps)
	}
	ps := c.CheckLanguage("ru")
	if got, want := ps.Error(), "case.yaml:14: recipients[0].title.ru: missing for letter language ru"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := strings.Join(c.Offered(), ","); got != "en" {
		t.Errorf("offered %q", got)
	}
	de := c.CheckLanguage("de")
	if len(de) != 4 {
		t.Errorf("de: want 4 missing texts (name, facts, demand, recipient title), got %d:\n%v", len(de), de)
	}
}

func TestLoadSender(t *testing.T) {
	s, err := LoadSender("me.yaml", strings.NewReader("name: Jane\ncity: Leeds\ncountry: uk\nlanguage: en\n"))
	if err != nil {
		t.Fatal(err)
	}
	if s.Country != "GB" {
		t.Errorf("country %q, want GB", s.Country)
	}
	_, err = LoadSender("me.yaml", strings.NewReader("name: Jane\ncountry: Atlantis\ncity: X\n"))
	if err == nil || !strings.Contains(err.Error(), `me.yaml:2: country: unknown country "Atlantis"`) {
		t.Errorf("got %v", err)
	}
	_, err = LoadSender("me.yaml", strings.NewReader("nmae: Jane\ncountry: GB\n"))
	for _, want := range []string{`me.yaml:1: nmae: unknown field; did you mean "name"?`, "name: required", "city: required"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("got %v, want %q", err, want)
		}
	}
}

// TestShippedCases loads every case in cases/ and checks it offers each
// language it lists.
func TestShippedCases(t *testing.T) {
	files, _ := filepath.Glob("../../cases/*.yaml")
	if len(files) == 0 {
		t.Fatal("no cases")
	}
	for _, file := range files {
		c, err := LoadFile(file)
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		for _, l := range c.Languages {
			if ps := c.CheckLanguage(l); len(ps) > 0 {
				t.Errorf("%s: %v", file, ps)
			}
		}
	}
}

func FuzzLoad(f *testing.F) {
	f.Add(valid)
	f.Add("a: &a [*a]\n")
	f.Add("recipients: {id: x}\n")
	f.Add("title: {en: [1]}\n")
	if data, err := os.ReadFile("../../cases/ua-115-16.yaml"); err == nil {
		f.Add(string(data))
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := Load("f.yaml", strings.NewReader(s))
		if err != nil {
			if !input.IsInvalid(err) {
				t.Fatalf("error %T is not input.Problems: %v", err, err)
			}
			for _, p := range err.(input.Problems) {
				if p.Msg == "" {
					t.Fatalf("problem without a message: %+v", p)
				}
			}
			return
		}
		for _, l := range c.Mentioned() {
			_ = c.CheckLanguage(l)
		}
		_ = fmt.Sprint(c.Offered())
	})
}

// TestAddressPerLanguage checks the forms an address block takes: one list
// for every language, or a list per language, and the addressee lines.
func TestAddressPerLanguage(t *testing.T) {
	y := strings.Replace(valid, "    address: [1 Street, Astana]\n", `    gender: male
    addressee:
      ru: [Министру Республики Казахстан, г-ну Асанову Ж. К.]
    honorific: {en: His Excellency Mr}
    address:
      EN: [1 Street, "Astana, 010000"]
      ru: ["ул. Улица, 1", "г. Астана, 010000"]
`, 1)
	c, err := Load("case.yaml", strings.NewReader(y))
	if err != nil {
		t.Fatal(err)
	}
	r := c.Recipients[0]
	tests := []struct {
		lines Lines
		lang  string
		want  string
	}{
		{r.Address, "en", "1 Street|Astana, 010000"},
		{r.Address, "en-GB", "1 Street|Astana, 010000"},
		{r.Address, "ru", "ул. Улица, 1|г. Астана, 010000"},
		{r.Addressee, "ru", "Министру Республики Казахстан|г-ну Асанову Ж. К."},
		{r.Addressee, "en", ""},
	}
	for _, tt := range tests {
		got, _ := tt.lines.In(tt.lang)
		if strings.Join(got, "|") != tt.want {
			t.Errorf("%s: got %q, want %q", tt.lang, got, tt.want)
		}
	}
	if ps := c.CheckLanguage("ru"); len(ps) > 0 {
		t.Errorf("ru: %v", ps)
	}
	// An address given per language must be given in every letter language.
	if ps := c.CheckLanguage("kk"); !strings.Contains(ps.Error(), "recipients[0].address.kk: missing for letter language kk") {
		t.Errorf("kk: %v", ps)
	}
}

func TestAddressRejects(t *testing.T) {
	tests := []struct {
		name, addr string
		want       string
	}{
		{"text, not a list", "    address: 1 Street\n", `case.yaml:15: recipients[0].address: expected a list of lines, or a map from language tag to a list of lines`},
		{"a map of text", "    address: {en: 1 Street}\n", `case.yaml:15: recipients[0].address.en: expected a list of lines, found "1 Street"`},
		{"a bad tag", "    address: {english!: [1 Street]}\n", `recipients[0].address.english!: "english!" is not a language tag`},
		{"an empty list", "    address: {ru: []}\n", `recipients[0].address.ru: empty; give the postal address lines`},
		{"a nested list", "    address: [[1 Street]]\n", `case.yaml:15: recipients[0].address[0]: expected a line of text, found a list`},
		{"five addressee lines", "    address: [x]\n    addressee: {ru: [a, b, c, d, e]}\n", `recipients[0].addressee.ru: 5 lines; the top of an address block takes at most 4`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			y := strings.Replace(valid, "    address: [1 Street, Astana]\n", tt.addr, 1)
			_, err := Load("case.yaml", strings.NewReader(y))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v\nwant %s", err, tt.want)
			}
		})
	}
}

// TestLoadBounded: one long string aliased many times, and one huge field,
// are refused quickly with a message, not decoded into gigabytes.
func TestLoadBounded(t *testing.T) {
	long := strings.Repeat("x", 30_000)
	var b strings.Builder
	b.WriteString("reference: &r \"" + long + "\"\ntitle: *r\nfacts: {en: *r, ru: *r, kk: *r, de: *r, fr: *r, es: *r, it: *r, pl: *r}\nlanguages: [en]\nprisoners:\n")
	for range 200 {
		b.WriteString("  - {name: {en: *r, ru: *r}, gender: male}\n")
	}
	_, err := Load("bomb.yaml", strings.NewReader(b.String()))
	if err == nil || !strings.Contains(err.Error(), "expands to more than 4 MiB of text") {
		t.Errorf("alias bomb: %v", err)
	}
	_, err = Load("big.yaml", strings.NewReader(strings.Replace(valid, "Facts.", strings.Repeat("Facts. ", 6000), 1)))
	if err == nil || !strings.Contains(err.Error(), "facts.en: 41 KiB of text; a field holds at most 32 KiB") {
		t.Errorf("huge field: %v", err)
	}
}

func TestLoadRefusesControlCharacters(t *testing.T) {
	y := strings.Replace(valid, "facts: {en: Facts., ru: Факты.}", `facts: {en: "Facts.\e[2J", ru: Факты.}`, 1)
	_, err := Load("case.yaml", strings.NewReader(y))
	if err == nil || !strings.Contains(err.Error(), "case.yaml:9: facts.en: holds the control character U+001B (ESCAPE), which no letter can print; remove it") {
		t.Errorf("got %v", err)
	}
}

func TestLoadNotUTF8(t *testing.T) {
	y := strings.Replace(valid, "Anna Ivanova", "Anna \xe9vanova", 1)
	_, err := Load("case.yaml", strings.NewReader(y))
	if err == nil || !strings.Contains(err.Error(), "case.yaml:7: not UTF-8 text (the first bad byte is on this line); save the file as UTF-8") {
		t.Errorf("got %v", err)
	}
}
