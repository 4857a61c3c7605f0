package web

import (
	"fmt"
	"io"
	"mime"
	"mime/quotedprintable"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/mail"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"appeal/internal/casefile"
	"appeal/internal/pdf"
	"appeal/internal/pdftest"
	"appeal/internal/render"
	"appeal/internal/writers"
	"appeal/templates"
)

// testCase is a copy of cases/ua-115-16.yaml, so that translators editing
// the real one do not break these tests.
const testCase = "testdata/case.yaml"

var testDate = time.Date(2017, 3, 1, 12, 0, 0, 0, time.UTC)

func newServer(t testing.TB, change func(*Config)) *Server {
	t.Helper()
	c, err := casefile.LoadFile(testCase)
	if err != nil {
		t.Fatal(err)
	}
	r, err := render.New(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{Cases: []*casefile.Case{c}, Renderer: r, Now: func() time.Time { return testDate }, Envelope: pdf.DL}
	if change != nil {
		change(&cfg)
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// client is a browser: it keeps cookies and does not follow redirects.
type client struct {
	t    testing.TB
	base string
	hc   *http.Client
	lang string // Accept-Language
}

func newClient(t testing.TB, s http.Handler) *client {
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	jar, _ := cookiejar.New(nil)
	return &client{t: t, base: ts.URL, hc: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// another is a second browser on the same server: cookies of its own.
func (c *client) another() *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: c.t, base: c.base, hc: &http.Client{Jar: jar, CheckRedirect: c.hc.CheckRedirect}, lang: c.lang}
}

type response struct {
	*http.Response
	body string
}

func (c *client) do(method, path string, form url.Values, header ...string) response {
	c.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, c.base+path, body)
	if err != nil {
		c.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if c.lang != "" {
		req.Header.Set("Accept-Language", c.lang)
	}
	for i := 0; i+1 < len(header); i += 2 {
		if header[i] == "Host" {
			req.Host = header[i+1]
		} else {
			req.Header.Set(header[i], header[i+1])
		}
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return response{resp, string(b)}
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// token opens the case's form and returns its CSRF token.
func (c *client) token() string {
	c.t.Helper()
	r := c.do("GET", "/case/ua-115-16", nil)
	m := csrfField.FindStringSubmatch(r.body)
	if r.StatusCode != 200 || m == nil {
		c.t.Fatalf("form: %d, no token\n%s", r.StatusCode, r.body)
	}
	return m[1]
}

// jane is a valid form: a writer in the United Kingdom.
func jane(token string) url.Values {
	return url.Values{
		"csrf": {token}, "name": {"Jane Writer"}, "address1": {"1 High Street"}, "postcode": {"M1 1AA"},
		"city": {"Manchester"}, "country": {"GB"}, "lang": {"en"}, "email": {"jane@example.org"},
		"to": {"prosecutor-general", "minister-of-justice", "human-rights-commissioner", "embassy-uk"},
	}
}

func with(v url.Values, kv ...string) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = slices.Clone(vs)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "\x00" {
			delete(out, kv[i])
		} else {
			out.Set(kv[i], kv[i+1])
		}
	}
	return out
}

func TestSecurityHeaders(t *testing.T) {
	c := newClient(t, newServer(t, nil))
	for _, path := range []string{"/", "/case/ua-115-16", "/style.css", "/nowhere"} {
		r := c.do("GET", path, nil)
		for k, v := range headers {
			if got := r.Header.Get(k); got != v && !(k == "Cache-Control" && path == "/style.css") {
				t.Errorf("%s: %s = %q, want %q", path, k, got, v)
			}
		}
	}
	if r := c.do("GET", "/", nil); r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/case/ua-115-16" {
		t.Errorf("one case: / = %d %s, want a redirect to its form", r.StatusCode, r.Header.Get("Location"))
	}
}

// TestBadRequests: every request the server refuses gets a page that
// says why, in the page's language, with the status.
func TestBadRequests(t *testing.T) {
	s := newServer(t, nil)
	c := newClient(t, s)
	tok := c.token()
	tests := []struct {
		name, method, path string
		form               url.Values
		header             []string
		status             int
		want               string
	}{
		{"wrong host", "GET", "/case/ua-115-16", nil, []string{"Host", "evil.example:80"}, 400, "only opens at the address"},
		{"rebinding name for loopback", "GET", "/", nil, []string{"Host", "127.0.0.1.evil.example"}, 400, "Wrong address"},
		{"no csrf token", "POST", "/case/ua-115-16/letters", with(jane(tok), "csrf", "\x00"), nil, 403, "The form has expired"},
		{"bad csrf token", "POST", "/case/ua-115-16/letters.pdf", with(jane(tok), "csrf", "x"+tok[1:]), nil, 403, "The form has expired"},
		{"oversize body", "POST", "/case/ua-115-16/letters", with(jane(tok), "note", strings.Repeat("a", MaxBody)), nil, 413, "Too much text"},
		{"unknown case", "GET", "/case/ua-0-00", nil, nil, 404, "Case not found"},
		{"unknown case posted", "POST", "/case/ua-0-00/letters", jane(tok), nil, 404, "Case not found"},
		{"unknown page", "GET", "/admin", nil, nil, 404, "Page not found"},
		{"GET on a POST route", "GET", "/case/ua-115-16/letters.pdf", nil, nil, 405, "not for opening"},
		{"POST on a GET route", "POST", "/case/ua-115-16", jane(tok), nil, 405, "not for opening"},
		{"e-mail to a recipient without an address", "POST", "/case/ua-115-16/mail/prosecutor-general", jane(tok), nil, 404, "does not take your letters by e-mail"},
		{"e-mail to an unknown recipient", "POST", "/case/ua-115-16/mail/nobody", jane(tok), nil, 404, "No e-mail address"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := c.do(tt.method, tt.path, tt.form, tt.header...)
			if r.StatusCode != tt.status {
				t.Errorf("status %d, want %d", r.StatusCode, tt.status)
			}
			if !strings.Contains(r.body, tt.want) || !strings.Contains(r.body, `<html lang="en">`) {
				t.Errorf("page lacks %q:\n%s", tt.want, r.body)
			}
			if r.Header.Get("Content-Security-Policy") == "" {
				t.Error("no CSP on an error page")
			}
		})
	}
	if r := c.do("GET", "/case/ua-115-16/letters", nil); r.Header.Get("Allow") != "POST" {
		t.Errorf("405 Allow = %q, want POST", r.Header.Get("Allow"))
	}
	// A token is bound to its browser's cookie: another browser's is refused.
	other := newClient(t, s)
	other.base = c.base
	other.token()
	if r := other.do("POST", "/case/ua-115-16/letters", jane(tok)); r.StatusCode != 403 {
		t.Errorf("another browser's token: %d, want 403", r.StatusCode)
	}
}

func TestAccessCode(t *testing.T) {
	s := newServer(t, func(c *Config) { c.Code = "k3y9code42"; c.Hosts = []string{"192.0.2.7"} })
	c := newClient(t, s)
	if r := c.do("GET", "/case/ua-115-16", nil); r.StatusCode != 403 || !strings.Contains(r.body, "access code") {
		t.Errorf("no code: %d", r.StatusCode)
	}
	if r := c.do("GET", "/case/ua-115-16?code=wrong", nil); r.StatusCode != 403 {
		t.Errorf("wrong code: %d", r.StatusCode)
	}
	if r := c.do("GET", "/style.css", nil); r.StatusCode != 200 {
		t.Errorf("style sheet without the code: %d; the error pages need it", r.StatusCode)
	}
	r := c.do("GET", "/case/ua-115-16?code=k3y9code42&ui=de", nil, "Host", "192.0.2.7:8080")
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/case/ua-115-16?ui=de" {
		t.Fatalf("good code: %d to %q, want 303 to the URL without it", r.StatusCode, r.Header.Get("Location"))
	}
	if r := c.do("GET", "/case/ua-115-16", nil, "Host", "192.0.2.7:8080"); r.StatusCode != 200 {
		t.Errorf("with the cookie: %d", r.StatusCode)
	}
	if r := c.do("GET", "/case/ua-115-16", nil, "Host", "192.0.2.8:8080"); r.StatusCode != 400 {
		t.Errorf("another address: %d, want 400", r.StatusCode)
	}
}

// TestFormErrors: each invalid field gets its message, tied to the field.
func TestFormErrors(t *testing.T) {
	c := newClient(t, newServer(t, nil))
	tok := c.token()
	tests := []struct {
		name  string
		form  url.Values
		field string
		want  string
	}{
		{"no name", with(jane(tok), "name", " "), "name", "Enter the name you sign with."},
		{"name on two lines", with(jane(tok), "name", "Jane\nWriter"), "name", "Write this on one line."},
		{"name too long", with(jane(tok), "name", strings.Repeat("J", 201)), "name", "at most 200 characters"},
		{"no city", with(jane(tok), "city", ""), "city", "Enter your town or city."},
		{"no country", with(jane(tok), "country", ""), "country", "Choose your country."},
		{"unknown country", with(jane(tok), "country", "XX"), "country", "Choose your country."},
		{"bad e-mail", with(jane(tok), "email", "jane.example.org"), "email", "Enter an e-mail address"},
		{"unprintable", with(jane(tok), "address1", "1 High Street \U0001F600"), "address1", "These characters cannot be printed in the letters: \U0001F600. Please remove them."},
		{"language not offered", with(jane(tok), "lang", "zz"), "lang", "Choose one of the languages"},
		{"note in another script", with(jane(tok), "lang", "ru", "note", "I care about this."), "note", "Write your sentence in the language of the letters (Russian)"},
		{"note too long", with(jane(tok), "note", strings.Repeat("word ", 401)), "note", "at most 2000 characters"},
		{"no recipient", with(jane(tok), "to", "\x00"), "to", "Choose at least one recipient."},
		{"unknown recipient", with(jane(tok), "to", "nobody"), "to", "Choose at least one recipient."},
		{"only an embassy of another country", with(jane(tok), "country", "DE", "to", "embassy-uk"), "to", "An embassy takes letters only from people who live in the country where it is located."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := c.do("POST", "/case/ua-115-16/letters", tt.form)
			if r.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422", r.StatusCode)
			}
			msg := regexp.MustCompile(`<p class="error" id="` + tt.field + `-error">([^<]*)</p>`).FindStringSubmatch(r.body)
			if msg == nil || !strings.Contains(msg[1], strings.ReplaceAll(tt.want, "\"", "&#34;")) {
				t.Fatalf("no message %q for %s:\n%s", tt.want, tt.field, r.body)
			}
			if !regexp.MustCompile(`aria-describedby="[^"]*` + tt.field + `-error`).MatchString(r.body) {
				t.Errorf("the message is not tied to the field %s", tt.field)
			}
			if !strings.Contains(r.body, `class="error-summary"`) {
				t.Error("no error summary")
			}
		})
	}
}

func TestLettersPage(t *testing.T) {
	c := newClient(t, newServer(t, nil))
	tok := c.token()
	r := c.do("POST", "/case/ua-115-16/letters", with(jane(tok), "name", `Jane <b>"Writer"</b>`, "note", "I <i>care</i> about this."))
	if r.StatusCode != 200 {
		t.Fatalf("status %d\n%s", r.StatusCode, r.body)
	}
	for _, want := range []string{
		"Jane &lt;b&gt;&#34;Writer&#34;&lt;/b&gt;", "I &lt;i&gt;care&lt;/i&gt; about this.", // escaped, in the preview and the hidden fields
		"Letter to Prosecutor General, Zhakip Assanov", "Letter to Ambassador of the Republic of Kazakhstan, Erzhan Kazykhanov",
		`action="/case/ua-115-16/letters.pdf"`, `action="/case/ua-115-16/mail/minister-of-justice"`,
		"Prosecutor General, Zhakip Assanov</li>", // no e-mail address: print it
		"Days left: 13",
		// Each e-mail recipient is named once, above short buttons.
		`<p class="to" id="mail-0">Minister of Justice, Marat Beketaev</p>`, `aria-describedby="mail-0">Download draft e-mail</button>`,
	} {
		if !strings.Contains(r.body, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if strings.Contains(r.body, "<b>") || strings.Contains(r.body, "<i>") {
		t.Error("the writer's text is not escaped")
	}
	// A writer outside the United Kingdom writes no letter to its embassy.
	r = c.do("POST", "/case/ua-115-16/letters", with(jane(tok), "country", "DE", "city", "Berlin"))
	if !strings.Contains(r.body, "No letter to Ambassador of the Republic of Kazakhstan") || strings.Contains(r.body, "Letter to Ambassador") {
		t.Errorf("embassy for a writer in Germany:\n%s", r.body)
	}
	// The edit button shows the form again with what was sent.
	r = c.do("POST", "/case/ua-115-16/edit", with(jane(tok), "to", "minister-of-justice"))
	if r.StatusCode != 200 || !strings.Contains(r.body, `value="Jane Writer"`) || !strings.Contains(r.body, `value="minister-of-justice" checked`) ||
		strings.Contains(r.body, `value="prosecutor-general" checked`) {
		t.Errorf("edit: %d\n%s", r.StatusCode, r.body)
	}
}

// TestPDFDownload reads the one PDF of letters with pdftotext: the
// writer's name, and every recipient chosen, in stuffing order.
func TestPDFDownload(t *testing.T) {
	pdftest.Need(t, "pdftotext", "qpdf")
	c := newClient(t, newServer(t, nil))
	tok := c.token()
	r := c.do("POST", "/case/ua-115-16/letters.pdf", jane(tok))
	if r.StatusCode != 200 || r.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("status %d, %s\n%s", r.StatusCode, r.Header.Get("Content-Type"), r.body)
	}
	if cd := r.Header.Get("Content-Disposition"); cd != `attachment; filename="ua-115-16-letters.pdf"` {
		t.Errorf("Content-Disposition %s", cd)
	}
	path := filepath.Join(t.TempDir(), "letters.pdf")
	os.WriteFile(path, []byte(r.body), 0o600)
	pdftest.Check(t, path)
	text := pdftest.Text(t, path, 0, 0)
	checkOrder(t, text, "Jane Writer", "Zhakip Assanov", "Marat Beketaev", "Askar Shakirov", "Erzhan Kazykhanov")
	if n := strings.Count(text, "Yours sincerely"); n != 4 {
		t.Errorf("%d letters, want 4", n)
	}

	r = c.do("POST", "/case/ua-115-16/envelopes.pdf", with(jane(tok), "to", "minister-of-justice"))
	if r.StatusCode != 200 {
		t.Fatalf("envelopes: %d", r.StatusCode)
	}
	os.WriteFile(path, []byte(r.body), 0o600)
	if n := pdftest.Pages(t, path); n != 1 {
		t.Errorf("envelopes: %d pages, want 1", n)
	}
	checkOrder(t, pdftest.Text(t, path, 0, 0), "Jane Writer", "Marat Beketaev")
}

func checkOrder(t *testing.T, text string, want ...string) {
	t.Helper()
	at := 0
	for _, w := range want {
		i := strings.Index(text[at:], w)
		if i < 0 {
			t.Errorf("%q missing, or out of order, in\n%s", w, text)
			return
		}
		at += i + len(w)
	}
}

func TestEMLDownload(t *testing.T) {
	c := newClient(t, newServer(t, nil))
	tok := c.token()
	r := c.do("POST", "/case/ua-115-16/mail/minister-of-justice", with(jane(tok), "lang", "ru", "note", "Судьба этих людей мне небезразлична."))
	if r.StatusCode != 200 || r.Header.Get("Content-Type") != "message/rfc822" {
		t.Fatalf("status %d %s\n%s", r.StatusCode, r.Header.Get("Content-Type"), r.body)
	}
	m, err := mail.ReadMessage(strings.NewReader(r.body))
	if err != nil {
		t.Fatal(err)
	}
	to, err := mail.ParseAddress(m.Header.Get("To"))
	if err != nil || to.Address != "kanc@adilet.gov.kz" {
		t.Errorf("To %v, %v", to, err)
	}
	from, err := mail.ParseAddress(m.Header.Get("From"))
	if err != nil || from.Address != "jane@example.org" || from.Name != "Jane Writer" {
		t.Errorf("From %v, %v", from, err)
	}
	if m.Header.Get("X-Unsent") != "1" {
		t.Error("no X-Unsent: 1")
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if err != nil || !strings.Contains(subject, "Бокаев") {
		t.Errorf("Subject %q, %v", subject, err)
	}
	body, _ := io.ReadAll(quotedprintable.NewReader(m.Body))
	for _, want := range []string{"Уважаемый Марат Бахытжанович!", "Судьба этих людей мне небезразлична.", "Jane Writer"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("body lacks %q:\n%s", want, body)
		}
	}
}

// TestCollect: writers who tick consent are appended to the writers file,
// each once, readable by the writers package, under concurrent requests.
func TestCollect(t *testing.T) {
	path := filepath.Join(t.TempDir(), "writers.csv")
	a, err := writers.OpenAppender(path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	s := newServer(t, func(c *Config) { c.Collect = a })
	c := newClient(t, s)
	tok := c.token()
	if r := c.do("GET", "/case/ua-115-16", nil); !strings.Contains(r.body, `name="consent"`) || !strings.Contains(r.body, "are saved by the organiser so that") {
		t.Error("the form does not ask for consent")
	} else if strings.Contains(r.body, "writers.csv") {
		t.Error("the form names the organiser's file")
	}
	if r := c.do("POST", "/case/ua-115-16/letters", jane(tok)); r.StatusCode != 200 {
		t.Fatalf("%d", r.StatusCode)
	} else if !strings.Contains(r.body, "Print and post") || strings.Contains(r.body, "organiser will print") {
		t.Error("a writer who did not consent is not told to print and post")
	}
	if data, _ := os.ReadFile(path); string(data) != strings.Join(writers.Header, ",")+"\n" {
		t.Fatalf("stored a writer who did not consent:\n%s", data)
	}
	// Each writer at the evening has a browser of their own.
	const n = 24
	browsers := make([]*client, n)
	var wg sync.WaitGroup
	for i := range n {
		browsers[i] = c.another()
		wg.Go(func() {
			b := browsers[i]
			f := with(jane(b.token()), "consent", "on", "name", fmt.Sprintf("Writer %d", i), "note", fmt.Sprintf("=cmd|' /C calc'!A%d", i))
			r := b.do("POST", "/case/ua-115-16/letters", f)
			if r.StatusCode != 200 || !strings.Contains(r.body, "you are on the organiser") {
				t.Errorf("writer %d: %d", i, r.StatusCode)
			}
			if i == 0 {
				checkCollected(t, r.body)
			}
		})
	}
	wg.Wait()
	// Writer 3 sends the same again, then corrects the address and
	// writes to one recipient only: one row, changed.
	b := browsers[3]
	again := with(jane(b.token()), "consent", "on", "name", "Writer 3", "note", "=cmd|' /C calc'!A3")
	if r := b.do("POST", "/case/ua-115-16/letters", again); !strings.Contains(r.body, "on the organiser&#39;s list already, with the details in your letters below") {
		t.Errorf("a writer sent twice is not said to be on the list:\n%s", r.body)
	}
	fixed := with(again, "address1", "3 High Street", "to", "minister-of-justice")
	if r := b.do("POST", "/case/ua-115-16/letters", fixed); !strings.Contains(r.body, "Your entry on the organiser&#39;s list has been updated with the details in your letters below") {
		t.Errorf("a corrected entry is not said to be updated:\n%s", r.body)
	}
	f, _ := os.Open(path)
	defer f.Close()
	file, err := writers.Load(path, f)
	if err != nil {
		t.Fatal(err)
	}
	if len(file.Writers) != n {
		t.Fatalf("%d writers, want %d", len(file.Writers), n)
	}
	byName := map[string]writers.Writer{}
	for _, w := range file.Writers {
		byName[w.Sender.Name] = w
	}
	w := byName["Writer 0"]
	if s := w.Sender; s.Country != "GB" || s.Language != "en" || s.PostalCity() != "Manchester" || len(s.Address) != 1 {
		t.Errorf("row: %+v", s)
	}
	if w.Case != "UA 115/16" {
		t.Errorf("case stored: %q", w.Case)
	}
	if got := strings.Join(w.To, " "); got != "prosecutor-general minister-of-justice human-rights-commissioner embassy-uk" {
		t.Errorf("recipients stored: %q", got)
	}
	if w.Note != "=cmd|' /C calc'!A0" {
		t.Errorf("note read back as %q", w.Note)
	}
	if w3 := byName["Writer 3"]; w3.Sender.Address[0] != "3 High Street" || strings.Join(w3.To, " ") != "minister-of-justice" {
		t.Errorf("corrected row: %+v %q", w3.Sender, w3.To)
	}
	data, _ := os.ReadFile(path)
	if strings.Contains(string(data), ",=cmd") {
		t.Error("a formula cell is not defused")
	}
}

// checkCollected: the page of a writer whose letters the organiser posts
// says so, and tells them neither to print and post the letters nor to
// e-mail them; the letters can still be read and downloaded.
func checkCollected(t *testing.T, body string) {
	t.Helper()
	for _, want := range []string{"The organiser will print and post these letters", "Keep a copy", `action="/case/ua-115-16/letters.pdf"`,
		"Letter to Prosecutor General, Zhakip Assanov"} {
		if !strings.Contains(body, want) {
			t.Errorf("the page of a writer who consented lacks %q", want)
		}
	}
	for _, not := range []string{"Print and post", "Sign each letter", "print them and post them", "Send by e-mail", "/mail/", "envelopes.pdf", "print their letters and post them"} {
		if strings.Contains(body, not) {
			t.Errorf("the page of a writer who consented says %q", not)
		}
	}
}

func TestRemember(t *testing.T) {
	c := newClient(t, newServer(t, nil))
	tok := c.token()
	r := c.do("POST", "/case/ua-115-16/letters", with(jane(tok), "remember", "on", "note", "private"))
	var set string
	for _, v := range r.Header.Values("Set-Cookie") {
		if strings.HasPrefix(v, cookieWriter+"=") {
			set = v
		}
	}
	if !strings.Contains(set, "HttpOnly") || !strings.Contains(set, "SameSite=Strict") {
		t.Fatalf("cookie %q", set)
	}
	r = c.do("GET", "/case/ua-115-16", nil)
	if !strings.Contains(r.body, `value="Jane Writer"`) || !strings.Contains(r.body, `value="GB" selected`) || strings.Contains(r.body, "private") {
		t.Error("the form is not filled in from the cookie (or shows the note)")
	}
	// The embassy is ticked for a writer in its country.
	if !strings.Contains(r.body, `value="embassy-uk" checked`) {
		t.Error("embassy not ticked for a writer in the United Kingdom")
	}
	c.do("POST", "/case/ua-115-16/letters", jane(tok))
	if r := c.do("GET", "/case/ua-115-16", nil); strings.Contains(r.body, `value="Jane Writer"`) {
		t.Error("unticking remember me did not forget")
	}
}

func TestUILanguage(t *testing.T) {
	s := newServer(t, nil)
	c := newClient(t, s)
	c.lang = "ru-RU,ru;q=0.9,en;q=0.5"
	r := c.do("GET", "/case/ua-115-16", nil)
	if !strings.Contains(r.body, `<html lang="ru">`) || !strings.Contains(r.body, "Ваше имя") || !strings.Contains(r.body, `value="ru" lang="ru" selected`) || !strings.Contains(r.body, `value="RU" selected`) {
		t.Errorf("Accept-Language ru: not a Russian page with Russian letters and country")
	}
	r = c.do("GET", "/case/ua-115-16?ui=kk", nil)
	if !strings.Contains(r.body, `<html lang="kk">`) || !strings.Contains(r.body, "Атыңыз") {
		t.Error("?ui=kk: not Kazakh")
	}
	if r := c.do("GET", "/case/ua-115-16", nil); !strings.Contains(r.body, `<html lang="kk">`) {
		t.Error("the chosen language is not remembered")
	}
	if r := c.do("GET", "/case/ua-115-16?ui=xx", nil); !strings.Contains(r.body, `<html lang="kk">`) {
		t.Error("an unknown ?ui= changed the language")
	}
}

// TestFrenchTypography: French puts a no-break space before ":" and
// inside « », and a narrow one before ";", "!" and "?"; so does the page
// between a recipient's hints, a separator from the language file.
func TestFrenchTypography(t *testing.T) {
	s := newServer(t, nil)
	fr := s.ui.get("fr")
	bad := regexp.MustCompile(`[ \x{00A0}][;!?]|[ \x{202F}]:|[«][ \x{202F}]|[ \x{202F}][»]`)
	for k, v := range fr.m {
		if m := bad.FindString(v); m != "" {
			t.Errorf("ui/fr.yaml: %s: %q in %q; want U+00A0 before : and inside « », U+202F before ; ! ?", k, m, v)
		}
	}
	if got := fr.F("deadline", "x"); got != "Date limite\u00a0: x" {
		t.Errorf("deadline: %q", got)
	}
	c := newClient(t, s)
	r := c.do("GET", "/case/ua-115-16?ui=fr", nil)
	if !strings.Contains(r.body, "reçoit une copie\u202f; joignable aussi par e-mail") {
		t.Error("the recipient hints are not joined with the French separator")
	}
	if r := c.do("GET", "/case/ua-115-16?ui=en", nil); !strings.Contains(r.body, "gets a copy; also takes e-mail") {
		t.Error("the recipient hints are not joined with the English separator")
	}
}

// TestLanguageNames: the page names a language in its own language, in
// running text as that language writes it: "Russian", "Russisch",
// "русский", "russe". Its menu of letter languages names each in itself.
func TestLanguageNames(t *testing.T) {
	c := newClient(t, newServer(t, nil))
	tok := c.token()
	for ui, want := range map[string]string{"en": "(Russian)", "de": "(Russisch)", "ru": "(русский)", "fr": "(russe)", "es": "(ruso)", "kk": "(орыс тілі)"} {
		r := c.do("POST", "/case/ua-115-16/letters?ui="+ui, with(jane(tok), "lang", "ru", "note", "I care about this."))
		msg := regexp.MustCompile(`<p class="error" id="note-error">([^<]*)</p>`).FindStringSubmatch(r.body)
		if msg == nil || !strings.Contains(msg[1], want) {
			t.Errorf("%s: note in another script: %v, want the language named %s", ui, msg, want)
		}
		if !strings.Contains(r.body, `<option value="ru" lang="ru" selected>Русский</option>`) {
			t.Errorf("%s: the letter languages are not named in themselves", ui)
		}
	}
}

// TestAfterDeadline: after the deadline the page says what the case says
// to do, in the page's language; a case without that language gives it in
// its own, and the page says which.
func TestAfterDeadline(t *testing.T) {
	late := func(c *Config) { c.Now = func() time.Time { return time.Date(2017, 3, 20, 12, 0, 0, 0, time.UTC) } }
	c := newClient(t, newServer(t, late))
	for ui, want := range map[string]string{
		"ru": "Что делать после окончания срока: <span>Прежде чем отправлять письма",
		"de": "Was jetzt zu tun ist: <span>Fragen Sie bei Ihrer Amnesty-Sektion nach",
		"en": "What to do now: <span>Ask your Amnesty section office",
	} {
		r := c.do("GET", "/case/ua-115-16?ui="+ui, nil)
		if !strings.Contains(r.body, want) {
			t.Errorf("%s: page lacks %q", ui, want)
		}
	}
	if r := c.do("GET", "/case/ua-115-16?ui=ru", nil); !strings.Contains(r.body, "Срок истёк 14 марта 2017") || strings.Contains(r.body, "г..") {
		t.Error("ru: the deadline that passed is not said once, with one full stop")
	}
	c = newClient(t, newServer(t, func(cfg *Config) {
		late(cfg)
		cfg.Cases[0].AfterDeadline = casefile.Text{"en": "Ask your section office."}
	}))
	r := c.do("GET", "/case/ua-115-16?ui=ru", nil)
	if want := `Что делать после окончания срока (язык текста — английский): <span lang="en">Ask your section office.</span>`; !strings.Contains(r.body, want) {
		t.Errorf("ru, a case with the text in English only: page lacks %q", want)
	}
}

// withNarges adds testdata/narges.yaml, a case with Persian and Arabic
// texts, to a server's cases (as "/case/ua-narges-mohammadi-2022").
func withNarges(t testing.TB) func(*Config) {
	c, err := casefile.LoadFile("testdata/narges.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return func(cfg *Config) { cfg.Cases = append(cfg.Cases, c) }
}

// TestRightToLeft: Arabic and Persian pages are right to left, with the
// writer's fields in the direction of what they type, and numbers in the
// language's digits; other pages are as they were.
func TestRightToLeft(t *testing.T) {
	s := newServer(t, withNarges(t))
	c := newClient(t, s)
	const narges = "/case/ua-narges-mohammadi-2022"
	for _, ui := range []string{"ar", "fa"} {
		r := c.do("GET", narges+"?ui="+ui, nil)
		for _, want := range []string{`<html lang="` + ui + `" dir="rtl">`, `id="name" name="name" type="text" dir="auto"`,
			`id="email" name="email" type="email" dir="ltr"`, `id="postcode" name="postcode" type="text" dir="ltr"`,
			`<textarea id="note" name="note" dir="auto"`} {
			if !strings.Contains(r.body, want) {
				t.Errorf("%s: form lacks %s", ui, want)
			}
		}
	}
	// Title and name in Persian are joined with the Persian comma, in
	// English (the case has no Persian) with the English one.
	if r := c.do("GET", narges+"?ui=fa", nil); !strings.Contains(r.body, "رئیس قوهٔ قضاییه، غلامحسین محسنی اژه‌ای") {
		t.Error("fa: the recipient's title and name are not joined with the Persian comma")
	}
	if r := c.do("GET", "/case/ua-115-16?ui=fa", nil); !strings.Contains(r.body, ">Prosecutor General, Zhakip Assanov<") {
		t.Error("fa: an English recipient name is not joined with the English comma")
	}
	// Persian writes the deadline and the days left in its own digits.
	if r := c.do("GET", "/case/ua-115-16?ui=fa", nil); !strings.Contains(r.body, "مهلت: ۲۴ اسفند ۱۳۹۵ · روزهای باقی‌مانده: ۱۳") {
		t.Error("fa: the deadline and days left are not in Persian digits")
	}
	if r := c.do("GET", "/case/ua-115-16?ui=ar", nil); !strings.Contains(r.body, "الأيام المتبقية: 13") {
		t.Error("ar: the days left are not in the digits of CLDR's ar (0-9)")
	}
	for _, ui := range []string{"en", "ru", "de"} {
		r := c.do("GET", narges+"?ui="+ui, nil)
		if !strings.Contains(r.body, `<html lang="`+ui+`">`) || strings.Contains(r.body, "rtl") {
			t.Errorf("%s: the page is not left to right", ui)
		}
		// The language links name Arabic and Persian in themselves.
		if !strings.Contains(r.body, `href="`+narges+`?ui=ar" lang="ar" hreflang="ar">العربية</a>`) || !strings.Contains(r.body, `lang="fa" hreflang="fa">فارسی</a>`) {
			t.Errorf("%s: no links to the Arabic and Persian pages", ui)
		}
	}
	for lang, want := range map[string]string{"fa-IR,fa;q=0.9": "fa", "ar-EG,ar;q=0.9,en;q=0.5": "ar", "prs-AF,fa;q=0.8": "fa"} {
		b := c.another()
		b.lang = lang
		if r := b.do("GET", narges, nil); !strings.Contains(r.body, `<html lang="`+want+`" dir="rtl">`) {
			t.Errorf("Accept-Language %s: not the %s page", lang, want)
		}
	}
	// The letters show in their own direction, whatever the page's.
	b := c.another()
	tok := b.token()
	for ui, want := range map[string]string{"fa": `class="paper" lang="fa" dir="rtl"`, "en": `class="paper" lang="fa" dir="rtl"`} {
		r := b.do("POST", narges+"/letters?ui="+ui, with(jane(tok), "lang", "fa", "to", "head-of-judiciary"))
		if r.StatusCode != 200 || !strings.Contains(r.body, want) {
			t.Errorf("%s page, Persian letters: %d, lacks %s", ui, r.StatusCode, want)
		}
	}
	r := b.do("POST", narges+"/letters?ui=ar", with(jane(tok), "lang", "en", "to", "head-of-judiciary"))
	if !strings.Contains(r.body, `<html lang="ar" dir="rtl">`) || !strings.Contains(r.body, `class="paper" lang="en" dir="ltr"`) {
		t.Errorf("ar page, English letters: not an RTL page with an LTR letter")
	}
}

// TestArabicPersianTypography: Persian is written with Persian ی and ک and
// a zero-width non-joiner in words (می‌شود), Arabic with Arabic ي and ك;
// both with their own comma, semicolon and question mark.
func TestArabicPersianTypography(t *testing.T) {
	s := newServer(t, nil)
	checks := map[string][]struct{ bad, why string }{
		"fa": {{`[يكى]`, "Arabic ي, ك or ى: write Persian ی and ک"}, {`(^|\s)ن?می |\s(ها|های|هایی|ای|ام|اید|تان|شان)(\s|$|[.،؛:])`, "a space where Persian writes a ZWNJ"}},
		"ar": {{`[یک]`, "Persian ی or ک: write Arabic ي and ك"}, {`\x{200C}`, "a ZWNJ"}},
	}
	for lang, cs := range checks {
		c := s.ui.get(lang)
		if c == nil {
			t.Fatalf("no ui/%s.yaml", lang)
		}
		cs = append(cs, struct{ bad, why string }{`[\p{Arabic}][,;?]|[,;?] ?[\p{Arabic}]`, "a Latin , ; or ? in Arabic script: write ، ؛ ؟"})
		for k, v := range c.m {
			for _, ch := range cs {
				if m := regexp.MustCompile(ch.bad).FindString(v); m != "" {
					t.Errorf("ui/%s.yaml: %s: %q in %q: %s", lang, k, m, v, ch.why)
				}
			}
		}
	}
}

// TestCatalogs: every page language has every string, the letters'
// languages all have a page language, and no page shows a key.
func TestCatalogs(t *testing.T) {
	s := newServer(t, nil)
	en := s.ui.get("en")
	for _, c := range s.ui.list {
		for k := range en.m {
			if strings.TrimSpace(c.m[k]) == "" {
				t.Errorf("ui/%s.yaml: no %s", c.Lang, k)
			} else if strings.Count(c.m[k], "%") != strings.Count(en.m[k], "%") {
				t.Errorf("ui/%s.yaml: %s has other verbs than English", c.Lang, k)
			}
		}
		for k := range c.m {
			if _, ok := en.m[k]; !ok {
				t.Errorf("ui/%s.yaml: %s is not in ui/en.yaml", c.Lang, k)
			}
		}
	}
	for _, l := range s.cfg.Renderer.Languages() {
		if s.ui.get(l) == nil {
			t.Errorf("letters in %s, but no ui/%s.yaml", l, l)
		}
	}
	key := regexp.MustCompile(`>[a-z]+_[a-z_]+<|"[a-z]+_[a-z]+_?[a-z]*"[^=]`)
	for _, ui := range s.ui.list {
		c := newClient(t, s)
		c.lang = ui.Lang
		tok := c.token()
		pages := []response{c.do("GET", "/case/ua-115-16", nil), c.do("POST", "/case/ua-115-16/letters", jane(tok)),
			c.do("POST", "/case/ua-115-16/letters", with(jane(tok), "name", "")), c.do("GET", "/nowhere", nil)}
		for _, p := range pages {
			if m := key.FindString(p.body); m != "" {
				t.Errorf("%s: a page shows the key %s", ui.Lang, m)
			}
		}
	}
}

// TestPDFLatency measures a letter set as a writer downloads it, on loopback.

// TestDefaultLetterLanguage: a page in a language the case has no
// letters in offers the letters as the command line would choose them
// (the writer's country, then English), not the first in the list.
func TestDefaultLetterLanguage(t *testing.T) {
	c := newClient(t, newServer(t, withNarges(t)))
	selected := regexp.MustCompile(`<option value="([a-z]+)" lang="[a-z]+" selected>`)
	for _, tc := range []struct{ accept, want string }{
		{"de-DE", "en"}, {"ru", "en"}, {"en-GB", "en"}, {"fa-IR", "fa"}, {"ar-EG", "ar"},
	} {
		c.lang = tc.accept
		r := c.do("GET", "/case/ua-narges-mohammadi-2022", nil)
		if m := selected.FindStringSubmatch(r.body); m == nil || m[1] != tc.want {
			t.Errorf("Accept-Language %s: letters in %v, want %s", tc.accept, m, tc.want)
		}
	}
}

// TestPreviewAddressLines: each address line of a letter's preview keeps
// its own direction, so "1050 Bruxelles" is not shown as "Bruxelles 1050"
// in a Persian letter.
func TestPreviewAddressLines(t *testing.T) {
	c := newClient(t, newServer(t, withNarges(t)))
	c.lang = "fa"
	r := c.do("GET", "/case/ua-narges-mohammadi-2022", nil)
	tok := csrfField.FindStringSubmatch(r.body)
	if tok == nil {
		t.Fatal("no token")
	}
	form := with(jane(tok[1]), "lang", "fa", "to", "head-of-judiciary")
	r = c.do("POST", "/case/ua-narges-mohammadi-2022/letters", form)
	if r.StatusCode != 200 || !regexp.MustCompile(`<bdi>1050[ \x{a0}]Bruxelles</bdi><br>`).MatchString(r.body) {
		t.Errorf("status %d; the address line is not isolated:\n%s", r.StatusCode, r.body)
	}
}
