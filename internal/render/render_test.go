package render

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"appeal/internal/casefile"
	"appeal/templates"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func newRenderer(t *testing.T) *Renderer {
	t.Helper()
	r, err := New(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestFormatDate(t *testing.T) {
	r := newRenderer(t)
	tests := []struct {
		lang string
		date string
		want string
	}{
		{"en", "2017-03-14", "14 March 2017"},
		{"en", "2026-11-01", "1 November 2026"},
		{"ru", "2017-03-14", "14 марта 2017 г."},
		{"ru", "2017-05-01", "1 мая 2017 г."},
		{"ru", "2016-08-31", "31 августа 2016 г."},
		{"kk", "2017-03-14", "2017 ж. 14 наурыз"},
		{"kk", "2017-04-01", "2017 ж. 1 сәуір"},
		{"kk", "2016-12-31", "2016 ж. 31 желтоқсан"},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.date, func(t *testing.T) {
			loc, _ := r.Locale(tt.lang)
			d, _ := time.Parse(time.DateOnly, tt.date)
			if got := loc.FormatDate(d); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSalutation(t *testing.T) {
	r := newRenderer(t)
	minister := casefile.Text{"en": "Minister of Justice", "ru": "Министр юстиции", "kk": "Әділет министрі"}
	short := casefile.Text{"en": "Minister", "ru": "министр", "kk": "Министр"}
	tests := []struct {
		name string
		lang string
		rec  casefile.Recipient
		want string
	}{
		{"en male", "en", casefile.Recipient{Title: minister, ShortTitle: short, Gender: "male"}, "Dear Minister,"},
		{"en female", "en", casefile.Recipient{Title: minister, ShortTitle: short, Gender: "female"}, "Dear Minister,"},
		{"en no short title", "en", casefile.Recipient{Title: minister, Gender: "male"}, "Dear Minister of Justice,"},
		{"en untitled", "en", casefile.Recipient{Name: casefile.Text{"": "A. Person"}}, "Dear Sir or Madam,"},
		{"ru male capitalises title", "ru", casefile.Recipient{Title: minister, ShortTitle: short, Gender: "male"}, "Уважаемый господин Министр!"},
		{"ru female", "ru", casefile.Recipient{Title: minister, ShortTitle: short, Gender: "female"}, "Уважаемая госпожа Министр!"},
		{"ru unknown is neutral", "ru", casefile.Recipient{Title: minister, ShortTitle: short}, "Уважаемый(-ая) Министр!"},
		{"ru untitled", "ru", casefile.Recipient{}, "Уважаемые господа!"},
		{"kk male", "kk", casefile.Recipient{Title: minister, ShortTitle: short, Gender: "male"}, "Құрметті Министр!"},
		{"kk female", "kk", casefile.Recipient{Title: minister, ShortTitle: short, Gender: "female"}, "Құрметті Министр!"},
		{"case salutation wins", "en", casefile.Recipient{Title: minister, Gender: "male", Salutation: casefile.Text{"en": "Your Excellency,"}}, "Your Excellency,"},
		{"case salutation in other language only", "ru", casefile.Recipient{Title: minister, ShortTitle: short, Gender: "male", Salutation: casefile.Text{"en": "Your Excellency,"}}, "Уважаемый господин Министр!"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			loc, _ := r.Locale(tt.lang)
			if got := salutation(tt.rec, tt.lang, loc.Salutation); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// oneCase is a small valid case with n prisoners of the given genders.
func oneCase(t *testing.T, genders ...string) *casefile.Case {
	t.Helper()
	names := []string{"Anna Ivanova", "Boris Petrov", "Chingiz Aitov"}
	var y strings.Builder
	y.WriteString("reference: UA 1/26\nlanguages: [en, ru, kk]\ntitle: T\nfacts: Some facts.\ndemands: [Do this.]\nprisoners:\n")
	for i, g := range genders {
		y.WriteString("  - {name: " + names[i] + ", gender: " + g + "}\n")
	}
	y.WriteString("recipients:\n  - {id: a, title: Minister, address: [1 Street, Astana], country: KZ}\n")
	c, err := casefile.Load("t.yaml", strings.NewReader(y.String()))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestSubjectAgreesWithPrisoners(t *testing.T) {
	r := newRenderer(t)
	tests := []struct {
		lang    string
		genders []string
		want    string
	}{
		{"en", []string{"female"}, "Appeal on behalf of Anna Ivanova"},
		{"en", []string{"female", "male"}, "Appeal on behalf of Anna Ivanova and Boris Petrov"},
		{"en", []string{"female", "male", "male"}, "Appeal on behalf of Anna Ivanova, Boris Petrov and Chingiz Aitov"},
		{"ru", []string{"female"}, "Обращение в защиту заключенной: Anna Ivanova"},
		{"ru", []string{"male"}, "Обращение в защиту заключенного: Anna Ivanova"},
		{"ru", []string{"unknown"}, "Обращение в защиту заключенного (заключенной): Anna Ivanova"},
		{"ru", []string{"female", "male"}, "Обращение в защиту заключенных: Anna Ivanova и Boris Petrov"},
		{"kk", []string{"male", "male", "male"}, "Anna Ivanova, Boris Petrov және Chingiz Aitov туралы өтініш"},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+strings.Join(tt.genders, ","), func(t *testing.T) {
			c := oneCase(t, tt.genders...)
			l, err := r.Letter(Input{Case: c, Recipient: c.Recipients[0], Lang: tt.lang, Date: time.Now(), SameText: true})
			if err != nil {
				t.Fatal(err)
			}
			if l.Subject != tt.want {
				t.Errorf("got %q, want %q", l.Subject, tt.want)
			}
		})
	}
}

func TestAddressBlock(t *testing.T) {
	rec := casefile.Recipient{
		Name: casefile.Text{"": "Kassym-Jomart Tokayev"}, Title: casefile.Text{"": "President"},
		CareOf:  casefile.Text{"": "Embassy of the Republic of Kazakhstan"},
		Address: []string{"125 Pall Mall", "London SW1Y 5EA"}, Country: "GB",
	}
	kz := casefile.Recipient{Name: casefile.Text{"": "A"}, Address: []string{"14 Orynbor Street", "Astana, 010000"}, Country: "KZ"}
	be := casefile.Recipient{Name: casefile.Text{"": "A"}, Address: []string{"Rue X 1", "1000 Bruxelles"}, Country: "BE"}
	ci := casefile.Recipient{Name: casefile.Text{"": "A"}, Address: []string{"Abidjan"}, Country: "CI"}
	tests := []struct {
		name   string
		rec    casefile.Recipient
		sender *casefile.Sender
		want   []string
	}{
		{"c/o routing in order, same country", rec, &casefile.Sender{Country: "GB"},
			[]string{"Kassym-Jomart Tokayev", "President", "c/o Embassy of the Republic of Kazakhstan", "125 Pall Mall", "London SW1Y 5EA"}},
		{"from the UK", kz, &casefile.Sender{Country: "GB"}, []string{"A", "14 Orynbor Street", "Astana, 010000", "KAZAKHSTAN"}},
		{"from within Kazakhstan", kz, &casefile.Sender{Country: "KZ"}, []string{"A", "14 Orynbor Street", "Astana, 010000"}},
		{"from Russia in Russian", kz, &casefile.Sender{Country: "RU"}, []string{"A", "14 Orynbor Street", "Astana, 010000", "КАЗАХСТАН"}},
		{"unknown sender", kz, nil, []string{"A", "14 Orynbor Street", "Astana, 010000", "KAZAKHSTAN"}},
		{"from Germany in German", be, &casefile.Sender{Country: "DE"}, []string{"A", "Rue X 1", "1000 Bruxelles", "BELGIEN"}},
		{"Unicode capitals", ci, &casefile.Sender{Country: "FR"}, []string{"A", "Abidjan", "CÔTE D’IVOIRE"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := addressBlock(tt.rec, tt.sender, "en", "c/o")
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestSenderBlockPlacesPostcode(t *testing.T) {
	tests := []struct {
		s    casefile.Sender
		want string
	}{
		{casefile.Sender{Name: "J", City: "Manchester", Postcode: "M1 1AA", Country: "GB"}, "J|Manchester|M1 1AA|United Kingdom"},
		{casefile.Sender{Name: "J", City: "Berlin", Postcode: "10115", Country: "DE"}, "J|10115 Berlin|Germany"},
		{casefile.Sender{Name: "J", City: "Boston, MA", Postcode: "02108", Country: "US"}, "J|Boston, MA 02108|United States"},
	}
	for _, tt := range tests {
		if got := strings.Join(senderBlock(&tt.s, "en"), "|"); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

func TestMissingTemplateFieldFails(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, name := range []string{"en/locale.yaml"} {
		data, err := templates.FS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: data}
	}
	fsys["en/letter.tmpl"] = &fstest.MapFile{Data: []byte(`{{define "subject-1"}}{{.Nope}}{{end}}{{define "opening-1"}}o{{end}}{{define "request-1"}}r{{end}}{{define "body"}}x{{end}}`)}
	r, err := New(fsys)
	if err != nil {
		t.Fatal(err)
	}
	c := oneCase(t, "male")
	_, err = r.Letter(Input{Case: c, Recipient: c.Recipients[0], Lang: "en"})
	if err == nil || !strings.Contains(err.Error(), "Nope") {
		t.Fatalf("got %v, want an error naming the field", err)
	}
}

func TestLetterNeedsEveryText(t *testing.T) {
	r := newRenderer(t)
	c := oneCase(t, "male")
	c.Facts = casefile.Text{"en": "Facts."}
	_, err := r.Letter(Input{Case: c, Recipient: c.Recipients[0], Lang: "ru"})
	if err == nil || !strings.Contains(err.Error(), "facts.ru: missing for letter language ru") {
		t.Fatalf("got %v", err)
	}
}

// TestTextGolden renders every shipped case in every language it offers, to
// every recipient, with and without a sender, and compares with
// testdata/TestTextGolden. Run go test ./internal/render -update to rewrite.
func TestTextGolden(t *testing.T) {
	r := newRenderer(t)
	sender := &casefile.Sender{Name: "Jane Doe", Address: []string{"12 Example Street"}, Postcode: "M1 1AA", City: "Manchester", Country: "GB", Email: "jane.doe@example.org"}
	date := time.Date(2017, 2, 10, 0, 0, 0, 0, time.UTC)
	files, err := filepath.Glob("../../cases/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, file := range files {
		c, err := casefile.LoadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		base := strings.TrimSuffix(filepath.Base(file), ".yaml")
		offered := c.Offered()
		if len(offered) == 0 {
			t.Errorf("%s offers no language", file)
		}
		for _, lang := range offered {
			for _, rec := range c.Recipients {
				for _, s := range []*casefile.Sender{sender, nil} {
					name := base + "-" + lang + "-" + rec.ID
					if s == nil {
						name += "-blank"
					}
					t.Run(name, func(t *testing.T) {
						l, err := r.Letter(Input{Case: c, Recipient: rec, Sender: s, Lang: lang, Date: date})
						if err != nil {
							t.Fatal(err)
						}
						var b bytes.Buffer
						if err := Text(&b, l); err != nil {
							t.Fatal(err)
						}
						for i, line := range strings.Split(b.String(), "\n") {
							if n := len([]rune(line)); n > Width {
								t.Errorf("line %d has %d columns: %q", i+1, n, line)
							}
						}
						golden := filepath.Join("testdata", "TestTextGolden", name+".golden")
						if *update {
							if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
								t.Fatal(err)
							}
							if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
								t.Fatal(err)
							}
						}
						want, err := os.ReadFile(golden)
						if err != nil {
							t.Fatalf("%v (run go test ./internal/render -update)", err)
						}
						if b.String() != string(want) {
							t.Errorf("letter differs from %s; got:\n%s", golden, b.String())
						}
					})
				}
			}
		}
	}
}

func TestWrap(t *testing.T) {
	tests := []struct {
		in    string
		width int
		want  string
	}{
		{"a b c", 3, "a b|c"},
		{"", 10, ""},
		{"averyveryverylongword b", 5, "averyveryverylongword|b"},
		{"Ә Ғ Қ Ң", 3, "Ә Ғ|Қ Ң"},
	}
	for _, tt := range tests {
		if got := strings.Join(wrap(tt.in, tt.width, "", ""), "|"); got != tt.want {
			t.Errorf("wrap(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
		}
	}
}

func TestEveryLanguageHasThreeWordings(t *testing.T) {
	r := newRenderer(t)
	for _, lang := range r.Languages() {
		for _, g := range groups {
			if n := r.Variants(lang)[g]; n < 3 {
				t.Errorf("%s: %d alternatives for %s, want at least 3", lang, n, g)
			}
		}
	}
}

// TestLettersVary checks that letters from different writers differ in
// their wording, the same writer always gets the same letter, and SameText
// turns variation off.
func TestLettersVary(t *testing.T) {
	r := newRenderer(t)
	c := oneCase(t, "female")
	for _, lang := range r.Languages() {
		t.Run(lang, func(t *testing.T) {
			subjects, openings, requests := map[string]bool{}, map[string]bool{}, map[string]bool{}
			same := map[string]bool{}
			for i := range 30 {
				s := &casefile.Sender{Name: fmt.Sprintf("Writer %d", i), City: "Leeds", Country: "GB"}
				in := Input{Case: c, Recipient: c.Recipients[0], Sender: s, Lang: lang}
				a, err := r.Letter(in)
				if err != nil {
					t.Fatal(err)
				}
				b, _ := r.Letter(in)
				if fmt.Sprint(a) != fmt.Sprint(b) {
					t.Fatal("the same writer got two different letters")
				}
				subjects[a.Subject] = true
				openings[a.Body[0].Text] = true
				requests[a.Body[len(a.Body)-1].Text] = true
				in.SameText = true
				plain, _ := r.Letter(in)
				same[plain.Subject+plain.Body[len(plain.Body)-1].Text] = true
			}
			for name, got := range map[string]map[string]bool{"subjects": subjects, "openings": openings, "requests": requests} {
				if len(got) < 3 {
					t.Errorf("30 writers got %d different %s, want 3", len(got), name)
				}
			}
			if len(same) != 1 {
				t.Errorf("SameText: %d different wordings, want 1", len(same))
			}
		})
	}
}

func TestNoteAndNumberedFacts(t *testing.T) {
	r := newRenderer(t)
	c := oneCase(t, "male")
	c.Facts = casefile.Text{"": "1. This fact starts like a list item.\n\nSecond paragraph."}
	l, err := r.Letter(Input{Case: c, Recipient: c.Recipients[0], Lang: "en", Note: "I visited  Astana in 2019.", SameText: true})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range l.Body {
		got = append(got, b.Marker+"|"+b.Text)
	}
	want := []string{
		"|I would like to draw your attention to a case that concerns me deeply.",
		"|I visited Astana in 2019.",
		"|1. This fact starts like a list item.",
		"|Second paragraph.",
		"|I respectfully urge you to:",
		"1.|Do this.",
		"|Thank you for your attention to this letter. I look forward to your reply.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
