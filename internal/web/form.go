package web

import (
	"bytes"
	"encoding/base64"
	"encoding/csv"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"appeal/internal/casefile"
	"appeal/internal/country"
	"appeal/internal/input"
	"appeal/internal/letter"
	"appeal/internal/pdf"
	"appeal/internal/writers"
)

// Limits of the fields, as a writers file has them (see writers.Load).
const (
	maxLine = 200
	maxNote = 2000
)

// writerForm is what a writer typed, as the form sends it back.
type writerForm struct {
	Name     string   `json:"n"`
	Address1 string   `json:"a1"`
	Address2 string   `json:"a2"`
	Postcode string   `json:"p"`
	City     string   `json:"c"`
	Region   string   `json:"r,omitempty"`
	Country  string   `json:"co"`
	Email    string   `json:"e,omitempty"`
	Lang     string   `json:"l,omitempty"`
	Note     string   `json:"-"`
	To       []string `json:"-"`
	Remember bool     `json:"-"`
	Consent  bool     `json:"-"`
}

func readForm(v url.Values) writerForm {
	f := func(k string) string { return strings.TrimSpace(v.Get(k)) }
	return writerForm{
		Name: f("name"), Address1: f("address1"), Address2: f("address2"), Postcode: f("postcode"),
		City: f("city"), Region: f("region"), Country: strings.ToUpper(f("country")), Email: f("email"),
		Lang: f("lang"), Note: strings.TrimSpace(strings.ReplaceAll(v.Get("note"), "\r\n", "\n")),
		To: v["to"], Remember: v.Get("remember") == "on", Consent: v.Get("consent") == "on",
	}
}

type hiddenField struct{ Name, Value string }

// hidden are the fields that carry the form on to the download buttons.
func (f writerForm) hidden() []hiddenField {
	out := []hiddenField{{"name", f.Name}, {"address1", f.Address1}, {"address2", f.Address2}, {"postcode", f.Postcode},
		{"city", f.City}, {"region", f.Region}, {"country", f.Country}, {"email", f.Email}, {"lang", f.Lang}, {"note", f.Note}}
	for _, id := range f.To {
		out = append(out, hiddenField{"to", id})
	}
	return out
}

func (f writerForm) sender() *casefile.Sender {
	s := &casefile.Sender{Name: f.Name, Postcode: f.Postcode, City: casefile.Text{"": f.City}, Region: f.Region, Country: f.Country, Email: f.Email}
	for _, a := range []string{f.Address1, f.Address2} {
		if a != "" {
			s.Address = append(s.Address, a)
		}
	}
	return s
}

// fieldError is a message for one field of the form.
type fieldError struct {
	Field, Msg string
}

// checked is a valid form: the writer and their letters, planned.
type checked struct {
	Sender *casefile.Sender
	Lang   letter.Choice
	Plan   []letter.Letter
	// Skipped are the selected recipients that take no letter from this
	// writer (an embassy of another country).
	Skipped []casefile.Recipient
}

// check validates f for the case e, field by field, with messages in the
// page's language, then as a row of a writers file (so that what
// --collect stores reads back), and plans the letters.
func (s *Server) check(e *entry, f writerForm, ui *catalog) (checked, []fieldError) {
	var errs []fieldError
	bad := map[string]bool{}
	add := func(field, msg string) {
		if !bad[field] {
			bad[field] = true
			errs = append(errs, fieldError{field, msg})
		}
	}
	text := map[string]string{"name": f.Name, "address1": f.Address1, "address2": f.Address2, "postcode": f.Postcode,
		"city": f.City, "region": f.Region, "email": f.Email}
	for _, k := range []string{"name", "address1", "address2", "postcode", "city", "region", "email"} {
		v := text[k]
		switch {
		case strings.ContainsAny(v, "\r\n"):
			add(k, ui.S("err_oneline"))
		case utf8.RuneCountInString(v) > maxLine:
			add(k, ui.F("err_toolong", maxLine))
		}
		if rs := pdf.Unprintable(v); len(rs) > 0 {
			add(k, ui.F("err_unprintable", string(rs)))
		}
	}
	if utf8.RuneCountInString(f.Note) > maxNote {
		add("note", ui.F("err_toolong", maxNote))
	} else if rs := pdf.Unprintable(strings.ReplaceAll(f.Note, "\n", " ")); len(rs) > 0 {
		add("note", ui.F("err_unprintable", string(rs)))
	}
	if f.Name == "" {
		add("name", ui.S("err_name"))
	}
	if f.City == "" {
		add("city", ui.S("err_city"))
	}
	if !country.Valid(f.Country) {
		add("country", ui.S("err_country"))
	}
	if at := strings.IndexByte(f.Email, '@'); f.Email != "" && (at <= 0 || at == len(f.Email)-1 || strings.ContainsAny(f.Email, " \t")) {
		add("email", ui.S("err_email"))
	}
	sel := slices.DeleteFunc(slices.Clone(f.To), func(id string) bool { return id == "" })
	if len(sel) == 0 {
		add("to", ui.S("err_to"))
	}
	var idx []int
	if len(sel) > 0 {
		var err error
		if idx, err = letter.Select(e.Case, sel); err != nil {
			add("to", ui.S("err_to"))
		}
	}
	var ch letter.Choice
	if !slices.Contains(e.Choices, f.Lang) {
		add("lang", ui.S("err_lang"))
	} else if !bad["country"] {
		var err error
		if ch, err = letter.ChooseFor(e.Case, e.Writable, f.Lang, f.sender()); err != nil {
			add("lang", ui.S("err_lang"))
		} else if f.Note != "" && letter.CheckNote(f.Note, ch.Lang) != "" {
			add("note", ui.F("err_note_script", languageIn(ch.Lang, ui.Lang)))
		}
	}
	// The same row as --collect writes, read as appeal generate --writers
	// will read it: any problem left is said in the core's words.
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	cw.Write(writers.Header)
	w := writers.Writer{Sender: *f.sender(), Note: f.Note}
	w.Sender.Language = f.Lang
	cw.Write(writers.Record(w))
	cw.Flush()
	if _, err := writers.Load("form.csv", &b); err != nil {
		for _, p := range problemsOf(err) {
			field := p.Path
			switch field {
			case "address":
				field = "address1"
			case "language":
				field = "lang"
			}
			add(field, p.Msg)
		}
	}
	if len(errs) > 0 {
		return checked{}, errs
	}
	c := checked{Sender: f.sender(), Lang: ch}
	c.Sender.Language = ch.Lang
	c.Plan = letter.Plan(e.Case, idx, c.Sender, ch)
	for i := range c.Plan {
		c.Plan[i].Note = f.Note
	}
	for _, i := range idx {
		if r := e.Case.Recipients[i]; !letter.Serves(r, c.Sender) {
			c.Skipped = append(c.Skipped, r)
		}
	}
	if len(c.Plan) == 0 {
		return c, []fieldError{{"to", ui.S("err_to_embassy")}}
	}
	return c, nil
}

// problemsOf lists the problems in err (input.Problems), or err itself
// as a problem of the form as a whole.
func problemsOf(err error) input.Problems {
	var ps input.Problems
	if errors.As(err, &ps) {
		return ps
	}
	return input.Problems{{Msg: err.Error()}}
}

// remembered is the writer's details from their own browser's cookie.
func remembered(r *http.Request) (writerForm, bool) {
	var f writerForm
	c, err := r.Cookie(cookieWriter)
	if err != nil {
		return f, false
	}
	data, err := base64.RawURLEncoding.DecodeString(c.Value)
	if err != nil || json.Unmarshal(data, &f) != nil {
		return writerForm{}, false
	}
	return f, true
}

// remember keeps f's details (not the note) in a cookie in the writer's
// browser, or deletes it; the server keeps nothing.
func remember(w http.ResponseWriter, f writerForm) {
	if !f.Remember {
		setCookie(w, cookieWriter, "", -1)
		return
	}
	data, _ := json.Marshal(f)
	v := base64.RawURLEncoding.EncodeToString(data)
	if len(v) > 3800 { // browsers keep 4 KB a cookie
		return
	}
	setCookie(w, cookieWriter, v, 180*24*3600)
}
