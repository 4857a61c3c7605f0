package importer

import (
	"appeal/internal/input"
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"appeal/internal/casefile"
	"appeal/internal/render"
	"appeal/templates"
)

var update = flag.Bool("update", false, "rewrite the golden files testdata/*.yaml")

// fixtures lists every text in testdata with what its draft must give
// besides the golden file: the problems appeal validate may report (other
// than missing translations), each of which must sit on a line marked
// "# check:".
var fixtures = []struct {
	name     string
	problems []string // regexps, each matching at least one problem
	want     func(t *testing.T, c *casefile.Case)
}{
	{name: "ua-115-16", want: wantSeed},
	{name: "is-ua", want: func(t *testing.T, c *casefile.Case) {
		wantCase(t, c, "UA 12/21", "2021-04-14", "es en", "Rosa Quispe Mamani")
		wantRecipients(t, c, "attorney-general:to:PE minister-of-the-interior:to:PE ombudsperson:copy:PE")
		if c.Prisoners[0].Gender != "female" {
			t.Errorf("gender from 'Gender m/f: f': %q", c.Prisoners[0].Gender)
		}
	}},
	{name: "section-web", want: func(t *testing.T, c *casefile.Case) {
		wantCase(t, c, "UA 65.20", "2021-09-28", "en", "Teodoro Maglaya")
		wantRecipients(t, c, "secretary-of-justice:to:PH chairperson:to:PH")
		for _, r := range c.Recipients {
			if r.Email != "" {
				t.Errorf("%s: a hidden e-mail address became %q", r.ID, r.Email)
			}
		}
		if got := c.Recipients[0].Salutation["en"]; got != "Dear Secretary Reyes-Bautista," {
			t.Errorf("the Salutation: line must win over the sample letter's: %q", got)
		}
		if got := c.Recipients[1].Gender; got != "female" {
			t.Errorf("Ms: gender %q", got)
		}
	}},
	{name: "fr-groupe", want: func(t *testing.T, c *casefile.Case) {
		wantCase(t, c, "AU 88/23", "2023-12-22", "fr ar en", "Sami Ben Amor")
		wantRecipients(t, c, "ministre-de-la-justice:to:TN embassy-fr:embassy:FR")
		r := c.Recipients[0]
		if r.Salutation["fr"] != "Monsieur le Ministre," || r.Gender != "male" || r.Name["fr"] != "Hédi Karoui" || r.Title["fr"] != "Ministre de la Justice" {
			t.Errorf("French minister: %+v", r)
		}
	}},
	{name: "de-gruppe", want: func(t *testing.T, c *casefile.Case) {
		wantCase(t, c, "UA 045/20", "2020-05-03", "ru en de", "Aida Temirova")
		wantRecipients(t, c, "innenminister:to:KG embassy-de:embassy:DE")
		r := c.Recipients[0]
		if r.Salutation["de"] != "Sehr geehrter Herr Minister," || r.Gender != "male" || r.Name["de"] != "Bakyt Osmonov" {
			t.Errorf("German minister: %+v", r)
		}
	}},
	{name: "old-inline", want: func(t *testing.T, c *casefile.Case) {
		wantCase(t, c, "UA 123/97", "1997-06-26", "en", "Chikondi Mwale", "Tiyamike Phiri")
		wantRecipients(t, c, "president:to:MW minister-of-justice:to:MW inspector-general-of-police:copy:MW")
		if r := c.Recipients[0]; r.Name["en"] != "Samuel Kachingwe" || r.Salutation["en"] != "Your Excellency," || r.Fax != "+ 265 000 001" {
			t.Errorf("president: %+v", r)
		}
	}},
	{name: "care-of", want: func(t *testing.T, c *casefile.Case) {
		wantCase(t, c, "UA 31/21", "2021-06-30", "en ti", "Yonas Haile Tesfamariam")
		wantRecipients(t, c, "president:to:GB minister-of-justice:to:GB")
		for _, r := range c.Recipients {
			if r.CareOf["en"] != "Embassy of the State of Eritrea" || r.Organisation["en"] == "" {
				t.Errorf("%s: care_of %q, organisation %q", r.ID, r.CareOf["en"], r.Organisation["en"])
			}
		}
	}},
	{name: "two-in-one", want: func(t *testing.T, c *casefile.Case) {
		wantCase(t, c, "UA 44/22", "2022-08-01", "az en", "Elnur Gasimzade", "Lala Rahimova", "Tural Novruzlu")
		wantRecipients(t, c, "minister-of-internal-affairs:to:AZ prosecutor-general:to:AZ ombudsperson:copy:AZ head-of-the-presidential-administration:copy:AZ")
	}},
	{name: "phone-fax", problems: []string{`^reference: required`}, want: func(t *testing.T, c *casefile.Case) {
		wantCase(t, c, "", "2022-03-25", "fr en", "Martin Ebanda Ngoh")
		wantRecipients(t, c, "minister-of-communication:to:CM minister-of-defence:to:CM national-commission-on-human-rights-and-freedoms:copy:CM")
		if r := c.Recipients[0]; r.Phone != "+237 222 00 00 01" || r.Fax != "+237 222 00 00 02" {
			t.Errorf("Phone: ... I Fax: ...: phone %q, fax %q", r.Phone, r.Fax)
		}
		if r := c.Recipients[1]; r.Name["en"] != "Jean-Baptiste Ngoua Essomba" || r.Fax != "+237 222 00 00 03" {
			t.Errorf("Tel | Fax: %+v", r)
		}
		if r := c.Recipients[2]; r.Phone != "+237 222 00 00 05" || r.Email != "info@cndhl.example.cm" {
			t.Errorf("Phone: ... I Email: ...: %+v", r)
		}
	}},
	{name: "utf16", want: func(t *testing.T, c *casefile.Case) {
		wantCase(t, c, "UA 77/22", "2022-10-15", "tk ru en", "Aýgül Ataýewa")
		wantRecipients(t, c, "prosecutor-general:to:TM")
	}},
	{name: "cp1252", want: func(t *testing.T, c *casefile.Case) {
		wantCase(t, c, "UA 30/23", "2023-06-30", "es en", "Ana Lucía Peñaranda")
		wantRecipients(t, c, "attorney-general:to:CO")
		if r := c.Recipients[0]; r.Salutation["en"] != "Dear Attorney General," || r.Name["en"] != "Álvaro Núñez Ibáñez" {
			t.Errorf("attorney general: %+v", r)
		}
	}},
	{name: "dirty", want: func(t *testing.T, c *casefile.Case) {
		wantCase(t, c, "UA 12/22", "2022-04-12", "uz ru en", "Dilnoza Karimova")
		wantRecipients(t, c, "prosecutor-general:to:UZ minister-of-internal-affairs:to:UZ ombudsman:copy:UZ embassy-gb:embassy:GB")
		if r := c.Recipients[0]; r.Name["en"] != "Nodir Yusupov" || r.Gender != "male" || r.Fax != "+998 71 000 00 00" || r.Email != "" || len(r.Address[""]) != 2 {
			t.Errorf("run-together prosecutor: %+v", r)
		}
		if r := c.Recipients[2]; r.Name["en"] != "Bobur Toshev" || r.Phone != "+998 71 000 00 01" {
			t.Errorf("ombudsman in capitals, | Tel: %+v", r)
		}
		if r := c.Recipients[3]; r.Name["en"] != "Gulnora Abdullaeva" || r.Gender != "female" || r.Title["en"] != "Ambassador" || r.Email != "info@uzembassy.example.uk" {
			t.Errorf("embassy: %+v", r)
		}
		if r := c.Recipients[1]; r.Email != "info@mvd.example.uz" || r.Name["en"] != "Bakhtiyor Rasulov" {
			t.Errorf("H.E. minister with a quoted e-mail: %+v", r)
		}
	}},
}

// wantSeed is the brief's definition of done for the public seed text.
func wantSeed(t *testing.T, c *casefile.Case) {
	wantCase(t, c, "UA 115/16", "2017-03-14", "kk ru en", "Maks Bokaev", "Talgat Ayan")
	wantRecipients(t, c, "prosecutor-general:to:KZ minister-of-justice:to:KZ human-rights-commissioner:copy:KZ embassy-gb:embassy:GB")
	pg, mj, hr, em := c.Recipients[0], c.Recipients[1], c.Recipients[2], c.Recipients[3]
	check := func(who string, got, want any) {
		t.Helper()
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: got %v, want %v", who, got, want)
		}
	}
	check("prosecutor name", pg.Name["en"], "Zhakip Assanov")
	check("prosecutor address", pg.Address[""], []string{"14 Orynbor Street", "Astana, 010000"})
	check("prosecutor fax", pg.Fax, "+7 7172 506 402")
	check("prosecutor salutation", pg.Salutation["en"], "Dear Prosecutor General,")
	check("minister name", mj.Name["en"], "Marat Beketaev")
	check("minister address", mj.Address[""], []string{"House of Ministries, 13 entrance", "Left Bank, Mangilik El street 8", "Astana, 010000"})
	check("minister fax", mj.Fax, "7 7172 74-09-54")
	check("minister email", mj.Email, "kanc@adilet.gov.kz")
	check("minister salutation", mj.Salutation["en"], "Dear Minister,")
	check("commissioner name", hr.Name["en"], "Askar Shakirov")
	check("commissioner address", hr.Address[""], []string{"8 Orynbor Street", "Astana, 010000"})
	check("commissioner fax", hr.Fax, "+7 7172 740 548")
	check("commissioner email", hr.Email, "info@ombudsman.kz")
	check("embassy name", em.Name["en"], "Erzhan Kazykhanov")
	check("embassy gender", em.Gender, "male")
	check("embassy organisation", em.Organisation["en"], "Embassy of the Republic of Kazakhstan")
	check("embassy email", em.Email, "london@kazembassy.org.uk")
	check("case country", c.Country, "KZ")
	if len(c.Demands) != 3 {
		t.Errorf("%d demands, want 3", len(c.Demands))
	}
}

func wantCase(t *testing.T, c *casefile.Case, ref, deadline, langs string, prisoners ...string) {
	t.Helper()
	if c.Reference != ref {
		t.Errorf("reference %q, want %q", c.Reference, ref)
	}
	if got := c.Deadline.Format(time.DateOnly); got != deadline {
		t.Errorf("deadline %s, want %s", got, deadline)
	}
	if got := strings.Join(c.Languages, " "); got != langs {
		t.Errorf("languages [%s], want [%s]", got, langs)
	}
	var names []string
	for _, p := range c.Prisoners {
		for _, n := range p.Name {
			names = append(names, n)
		}
	}
	if !slices.Equal(names, prisoners) {
		t.Errorf("prisoners %q, want %q", names, prisoners)
	}
}

// wantRecipients compares "id:role:country ..." with the case's recipients.
func wantRecipients(t *testing.T, c *casefile.Case, want string) {
	t.Helper()
	var got []string
	for _, r := range c.Recipients {
		got = append(got, r.ID+":"+r.Role+":"+r.Country)
	}
	if strings.Join(got, " ") != want {
		t.Errorf("recipients\n got %s\nwant %s", strings.Join(got, " "), want)
	}
}

// load reads a fixture as the command line does: bytes, decoding, import.
func load(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	text, _, err := Read(name+".txt", "", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Import(text, Options{Name: name + ".txt"})
	if err != nil {
		t.Fatal(err)
	}
	return res.YAML
}

// TestImport imports every fixture, compares the draft with its golden
// file, and checks that appeal validate accepts it but for what the draft
// marks: missing translations, and values on lines marked "# check:".
func TestImport(t *testing.T) {
	seen := map[string]bool{}
	for _, fx := range fixtures {
		seen[fx.name] = true
		t.Run(fx.name, func(t *testing.T) {
			got := load(t, fx.name)
			golden := filepath.Join("testdata", fx.name+".yaml")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to write it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("draft differs from %s (go test -update rewrites it):\n%s", golden, diff(string(want), string(got)))
			}
			c := validate(t, fx.name+".yaml", got, fx.problems)
			if c != nil && fx.want != nil {
				fx.want(t, c)
			}
		})
	}
	txts, _ := filepath.Glob("testdata/*.txt")
	for _, p := range txts {
		if name := strings.TrimSuffix(filepath.Base(p), ".txt"); !seen[name] {
			t.Errorf("testdata/%s.txt has no entry in fixtures", name)
		}
	}
	if len(txts) < 11 {
		t.Errorf("%d fixtures; the seed and at least ten written for the tests are wanted", len(txts))
	}
}

// validate runs the draft through casefile.Load and every language check,
// as appeal validate does. Each problem must be a missing translation or
// sit on a line marked "# check:"; problems (regexps) must each match one.
func validate(t *testing.T, name string, data []byte, problems []string) *casefile.Case {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("the draft is not YAML: %v", err)
	}
	c, err := casefile.Load(name, bytes.NewReader(data))
	if c == nil {
		t.Fatalf("casefile.Load: %v", err)
	}
	var ps input.Problems
	if err != nil {
		ps = err.(input.Problems)
	}
	for _, l := range c.Mentioned() {
		ps = append(ps, c.CheckLanguage(l)...)
	}
	source := sourceLang(c)
	lines := strings.Split(string(data), "\n")
	matched := make([]bool, len(problems))
	for _, p := range ps {
		text := strings.TrimPrefix(p.String(), fmt.Sprintf("%s:%d: ", p.File, p.Line))
		if m := regexp.MustCompile(`missing for letter language (\S+)$`).FindStringSubmatch(p.Msg); m != nil && m[1] != source {
			continue // to translate
		}
		ok := false
		for i, re := range problems {
			if regexp.MustCompile(re).MatchString(text) {
				matched[i], ok = true, true
			}
		}
		if !ok {
			t.Errorf("unexpected problem: %s", p)
		}
		if !markedCheck(lines, p.Line) {
			t.Errorf("problem on a line not marked # check: %s", p)
		}
	}
	for i, re := range problems {
		if !matched[i] && re != "^$" {
			t.Errorf("no problem matches %q", re)
		}
	}
	return c
}

// markedCheck reports whether line n (1-based) of a YAML file, or the
// comment block just above it, holds "# check:".
func markedCheck(lines []string, n int) bool {
	if n < 1 || n > len(lines) {
		return false
	}
	if strings.Contains(lines[n-1], "# check:") {
		return true
	}
	for i := n - 2; i >= 0 && strings.HasPrefix(strings.TrimSpace(lines[i]), "#"); i-- {
		if strings.Contains(lines[i], "# check:") {
			return true
		}
	}
	return false
}

// sourceLang is the one language the draft's texts are given in.
func sourceLang(c *casefile.Case) string {
	for _, p := range c.Prisoners {
		for l := range p.Name {
			return l
		}
	}
	for l := range c.Facts {
		return l
	}
	return "en"
}

// TestDraftWritesLetters fills in what the person adds by hand (the
// translations, copied from the source text here) and renders every
// letter in every language of the case that appeal has templates for:
// nothing else needs editing.
func TestDraftWritesLetters(t *testing.T) {
	r, err := render.New(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, fx := range fixtures {
		t.Run(fx.name, func(t *testing.T) {
			data := load(t, fx.name)
			c, err := casefile.Load(fx.name, bytes.NewReader(data))
			if err != nil && len(fx.problems) > 0 {
				t.Skip("the draft leaves values to fill in by hand")
			}
			if c == nil {
				t.Fatal(err)
			}
			if err != nil {
				t.Fatalf("draft does not load: %v", err)
			}
			src := sourceLang(c)
			fill := func(tx casefile.Text) {
				if v, ok := tx[src]; ok {
					for _, l := range c.Languages {
						if _, ok := tx[l]; !ok {
							tx[l] = v + " [" + l + "]"
						}
					}
				}
			}
			fill(c.Title)
			fill(c.Facts)
			for _, p := range c.Prisoners {
				fill(p.Name)
			}
			for _, d := range c.Demands {
				fill(d)
			}
			for i, rc := range c.Recipients {
				fill(rc.Name)
				fill(rc.Title)
				fill(rc.Organisation)
				fill(rc.CareOf)
				// Russian and Kazakh salutations need a gender the draft
				// marks for checking; the person finishing it gives one.
				if rc.Gender != casefile.Male && rc.Gender != casefile.Female {
					c.Recipients[i].Gender = casefile.Female
				}
				// So do the address lines in the dative and the salutations,
				// per language.
				if c.Recipients[i].Addressee == nil {
					c.Recipients[i].Addressee = casefile.Lines{}
				}
				if c.Recipients[i].Salutation == nil {
					c.Recipients[i].Salutation = casefile.Text{}
				}
				for _, l := range c.Languages {
					c.Recipients[i].Addressee[l] = []string{"[addressee in " + l + "]"}
					if _, ok := c.Recipients[i].Salutation[l]; !ok {
						// Each language's salutations end as its own do.
						loc, _ := r.Locale(l)
						end := loc.Salutation.End()
						c.Recipients[i].Salutation[l] = "[salutation in " + l + "]" + end
					}
				}
			}
			wrote := 0
			for _, lang := range c.Languages {
				if ps := c.CheckLanguage(lang); len(ps) > 0 {
					t.Errorf("%s still incomplete once translated: %v", lang, ps)
					continue
				}
				if !r.Has(lang) {
					continue
				}
				for _, rc := range c.Recipients {
					l, err := r.Letter(render.Input{Case: c, Recipient: rc, Lang: lang, Date: time.Date(2017, 2, 10, 0, 0, 0, 0, time.UTC)})
					if err != nil {
						t.Errorf("%s letter to %s: %v", lang, rc.ID, err)
						continue
					}
					var b bytes.Buffer
					if err := render.Text(&b, l); err != nil {
						t.Errorf("%s letter to %s: %v", lang, rc.ID, err)
					}
					wrote++
				}
			}
			if fx.name == "ua-115-16" && wrote != 12 {
				t.Errorf("wrote %d letters for the seed, want 4 recipients x 3 languages", wrote)
			}
		})
	}
}

// TestEncodings imports the Windows-1252 and UTF-16 fixtures as they come
// from Windows programs: the drafts must equal those of the UTF-8 texts.
func TestEncodings(t *testing.T) {
	tests := []struct {
		name, fixture string
		encode        func([]byte) ([]byte, error)
		warn          string
	}{
		{"windows-1252", "cp1252", charmap.Windows1252.NewEncoder().Bytes, "not UTF-8; read as Windows-1252"},
		{"utf-16le", "utf16", unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes, ""},
		{"utf-16be", "utf16", unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().Bytes, ""},
		{"utf-8 with BOM", "ua-115-16", func(b []byte) ([]byte, error) { return append([]byte("\uFEFF"), b...), nil }, ""},
		{"crlf", "de-gruppe", func(b []byte) ([]byte, error) { return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")), nil }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("testdata", tt.fixture+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			data, err := tt.encode(src)
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Equal(data, src) {
				t.Fatal("encoding changed nothing")
			}
			text, warnings, err := Read(tt.fixture+".txt", "", bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(warnings, "\n"); tt.warn == "" && got != "" || !strings.Contains(got, tt.warn) {
				t.Errorf("warnings %q, want %q", got, tt.warn)
			}
			res, err := Import(text, Options{Name: tt.fixture + ".txt"})
			if err != nil {
				t.Fatal(err)
			}
			if want := load(t, tt.fixture); !bytes.Equal(res.YAML, want) {
				t.Errorf("draft differs from the UTF-8 text's:\n%s", diff(string(want), string(res.YAML)))
			}
		})
	}
}

// TestRead covers what Read refuses.
func TestRead(t *testing.T) {
	tests := []struct {
		name, file string
		data       []byte
		want       string
	}{
		{"too large", "big.txt", bytes.Repeat([]byte("URGENT ACTION\n"), MaxInput/14+1), "big.txt: file is larger than 5 MiB"},
		{"empty", "empty.txt", []byte(" \n\n"), "empty.txt: the file is empty"},
		{"binary", "x.bin", []byte("UA 1/21\x00\x01\x02"), "x.bin: not a text file (it holds a NUL byte)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Read(tt.file, "", bytes.NewReader(tt.data))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want %q", err, tt.want)
			}
			if !input.IsInvalid(err) {
				t.Errorf("%v is not reported as invalid input", err)
			}
		})
	}
}

func TestImportRefusesNonUA(t *testing.T) {
	for _, s := range []string{"hello world\n", "Lorem ipsum dolor sit amet.\n\nConsectetur adipiscing elit.\n"} {
		if _, err := Import(s, Options{Name: "x.txt"}); err == nil || !strings.Contains(err.Error(), "is this the text of an Urgent Action?") {
			t.Errorf("%q: error %v", s, err)
		}
	}
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want string
		warn bool
	}{
		{"utf-8", []byte("Bogotá"), "Bogotá", false},
		{"utf-8 bom", []byte("\xEF\xBB\xBFBogotá"), "Bogotá", false},
		{"utf-16le bom", []byte("\xFF\xFEB\x00o\x00g\x00o\x00t\x00\xE1\x00"), "Bogotá", false},
		{"utf-16be bom", []byte("\xFE\xFF\x00B\x00o\x00g\x00o\x00t\x00\xE1"), "Bogotá", false},
		{"windows-1252", []byte("Bogot\xE1 \x93quoted\x94 \x96 \x95 caf\xE9\xA0x"), "Bogotá “quoted” – • café\u00a0x", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, warnings, err := Decode(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want || (len(warnings) > 0) != tt.warn {
				t.Errorf("got %q %q, want %q (warning %v)", got, warnings, tt.want, tt.warn)
			}
		})
	}
}

// diff shows the first lines where two texts differ.
func diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 10; i++ {
		var a, c string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			c = g[i]
		}
		if a != c {
			fmt.Fprintf(&b, "line %d:\n- %s\n+ %s\n", i+1, a, c)
			shown++
		}
	}
	return b.String()
}
