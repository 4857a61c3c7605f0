package email

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var sample = Message{
	From:    &mail.Address{Name: "Айгерим Садыкова", Address: "aigerim@example.kz"},
	To:      mail.Address{Name: "Марат Бекетаев", Address: "kanc@adilet.gov.kz"},
	Subject: "Об освобождении узников совести Макса Бокаева и Талгата Аяна (UA 115/16)",
	Body:    "Уважаемый Марат Бахытжанович!\n\nПрошу Вас освободить «узников совести» — немедленно.\nA line with = and trailing space \n\nС уважением,\nАйгерим Садыкова",
	Date:    time.Date(2017, 2, 10, 0, 0, 0, 0, time.UTC),
}

// TestDraftNetMail reads a draft with Go's net/mail and mime packages and
// checks every header and the body round trip.
func TestDraftNetMail(t *testing.T) {
	raw := Draft(sample)
	for i, line := range strings.Split(string(raw), "\r\n") {
		if len(line) > 78 {
			t.Errorf("line %d is %d characters: %q", i+1, len(line), line)
		}
		if strings.Contains(line, "\n") {
			t.Errorf("line %d has a bare LF", i+1)
		}
		for _, r := range line {
			if r > 127 {
				t.Fatalf("line %d is not ASCII: %q", i+1, line)
			}
		}
	}
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	dec := new(mime.WordDecoder)
	subject, err := dec.DecodeHeader(msg.Header.Get("Subject"))
	if err != nil || subject != sample.Subject {
		t.Errorf("subject %q, %v", subject, err)
	}
	for _, h := range []struct {
		name string
		want mail.Address
	}{{"From", *sample.From}, {"To", sample.To}} {
		a, err := mail.ParseAddress(msg.Header.Get(h.name))
		if err != nil || *a != h.want {
			t.Errorf("%s: %v, %v", h.name, a, err)
		}
	}
	if d, err := msg.Header.Date(); err != nil || !d.Equal(sample.Date) {
		t.Errorf("date %v, %v", d, err)
	}
	if id := msg.Header.Get("Message-ID"); !strings.HasPrefix(id, "<") || !strings.HasSuffix(id, "@example.kz>") {
		t.Errorf("Message-ID %q", id)
	}
	if msg.Header.Get("X-Unsent") != "1" || msg.Header.Get("MIME-Version") != "1.0" {
		t.Errorf("headers %v", msg.Header)
	}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mt != "text/plain" || params["charset"] != "UTF-8" {
		t.Errorf("content type %q %v %v", mt, params, err)
	}
	if msg.Header.Get("Content-Transfer-Encoding") != "quoted-printable" {
		t.Error("not quoted-printable")
	}
	body, err := io.ReadAll(quotedprintable.NewReader(msg.Body))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.ReplaceAll(string(body), "\r\n", "\n"); got != sample.Body {
		t.Errorf("body:\n%q\nwant\n%q", got, sample.Body)
	}
	if !bytes.Equal(raw, Draft(sample)) {
		t.Error("the same message made twice differs")
	}
}

func TestDraftAttachment(t *testing.T) {
	m := sample
	m.From = nil
	pdf := bytes.Repeat([]byte("%PDF-1.4 binary \x00\xff"), 100)
	m.Attach = &Attachment{Name: "01-minister.pdf", Type: "application/pdf", Data: pdf}
	msg, err := mail.ReadMessage(bytes.NewReader(Draft(m)))
	if err != nil {
		t.Fatal(err)
	}
	if msg.Header.Get("From") != "" {
		t.Error("From without a sender")
	}
	if !strings.HasSuffix(msg.Header.Get("Message-ID"), "@appeal.invalid>") {
		t.Errorf("Message-ID %q", msg.Header.Get("Message-ID"))
	}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/mixed" {
		t.Fatalf("%s %v", mt, err)
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	text, err := mr.NextPart() // decodes quoted-printable itself
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(text)
	if got := strings.ReplaceAll(string(body), "\r\n", "\n"); got != m.Body {
		t.Errorf("body %q", got)
	}
	att, err := mr.NextPart()
	if err != nil {
		t.Fatal(err)
	}
	if att.FileName() != "01-minister.pdf" || att.Header.Get("Content-Transfer-Encoding") != "base64" {
		t.Errorf("attachment %q %v", att.FileName(), att.Header)
	}
	data, _ := io.ReadAll(base64.NewDecoder(base64.StdEncoding, att))
	if !bytes.Equal(data, pdf) {
		t.Error("attachment differs")
	}
	if _, err := mr.NextPart(); err != io.EOF {
		t.Errorf("more parts: %v", err)
	}
}

// TestDraftPython reads the drafts with Python's email package, an
// independent parser, and checks headers, body and attachment.
func TestDraftPython(t *testing.T) {
	if _, err := exec.LookPath("python3"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("python3 not on PATH (and CI is set)")
		}
		t.Skip("python3 not on PATH")
	}
	dir := t.TempDir()
	m := sample
	m.Attach = &Attachment{Name: "письмо.pdf", Type: "application/pdf", Data: []byte("%PDF-1.4\n")}
	for name, msg := range map[string]Message{"plain.eml": sample, "attached.eml": m} {
		if err := os.WriteFile(filepath.Join(dir, name), Draft(msg), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	script := `
import email, email.policy, json, sys
out = {}
for name in ("plain.eml", "attached.eml"):
    with open(sys.argv[1] + "/" + name, "rb") as f:
        msg = email.message_from_binary_file(f, policy=email.policy.default)
    body = msg.get_body(preferencelist=("plain",))
    atts = [(a.get_filename(), a.get_content_type(), len(a.get_content())) for a in msg.iter_attachments()]
    out[name] = {"subject": str(msg["subject"]), "from": str(msg["from"]), "to": str(msg["to"]),
                 "unsent": str(msg["x-unsent"]), "body": body.get_content(), "defects": len(msg.defects) + len(body.defects),
                 "attachments": atts}
print(json.dumps(out))
`
	raw, err := exec.Command("python3", "-c", script, dir).CombinedOutput()
	if err != nil {
		t.Fatalf("python3: %v\n%s", err, raw)
	}
	var got map[string]struct {
		Subject, From, To, Unsent, Body string
		Defects                         int
		Attachments                     [][]any
	}
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatalf("%v: %s", err, raw)
	}
	for name, g := range got {
		if g.Subject != sample.Subject || g.Unsent != "1" || g.Defects != 0 {
			t.Errorf("%s: subject %q, X-Unsent %q, %d defects", name, g.Subject, g.Unsent, g.Defects)
		}
		if g.From != `Айгерим Садыкова <aigerim@example.kz>` || g.To != `Марат Бекетаев <kanc@adilet.gov.kz>` {
			t.Errorf("%s: from %q to %q", name, g.From, g.To)
		}
		if strings.ReplaceAll(g.Body, "\r\n", "\n") != sample.Body+"\n" && strings.ReplaceAll(g.Body, "\r\n", "\n") != sample.Body {
			t.Errorf("%s: body %q", name, g.Body)
		}
	}
	if a := got["attached.eml"].Attachments; len(a) != 1 || a[0][0] != "письмо.pdf" || a[0][1] != "application/pdf" {
		t.Errorf("attachments %v", a)
	}
}

func TestMailto(t *testing.T) {
	link := Mailto("kanc@adilet.gov.kz", "UA 115/16: Бокаев + Аян", "Line one\nЛиния два & more")
	want := "mailto:kanc@adilet.gov.kz?subject=UA%20115%2F16%3A%20%D0%91%D0%BE%D0%BA%D0%B0%D0%B5%D0%B2%20%2B%20%D0%90%D1%8F%D0%BD&body=Line%20one%0D%0A"
	if !strings.HasPrefix(link, want) {
		t.Errorf("link %s", link)
	}
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		t.Fatal(err)
	}
	if q.Get("subject") != "UA 115/16: Бокаев + Аян" || q.Get("body") != "Line one\r\nЛиния два & more" || u.Opaque != "kanc@adilet.gov.kz" {
		t.Errorf("parsed %q %q %q", u.Opaque, q.Get("subject"), q.Get("body"))
	}
}

func TestEncodeHeaderLong(t *testing.T) {
	long := strings.Repeat("Очень длинная тема письма ", 8)
	enc := encodeHeader("Subject", long)
	for _, line := range strings.Split(enc, "\r\n") {
		if len(line) > 76 {
			t.Errorf("line %d long: %q", len(line), line)
		}
	}
	dec := new(mime.WordDecoder)
	got, err := dec.DecodeHeader(strings.ReplaceAll(enc, "\r\n ", " "))
	if err != nil || got != long {
		t.Errorf("decoded %q, %v", got, err)
	}
}
