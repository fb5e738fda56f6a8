import { KUBE_VALIDATION_NOTES } from '../../../../shared/template/notes/kube-validation.js';
import { VALIDATION_NOTES } from '../../../../shared/template/notes/validation.js';
import { fails, noteTable } from './note-table.js';

const data = { long63: 'a'.repeat(63), long64: 'a'.repeat(64), long254: `${'a'.repeat(63)}.`.repeat(4).slice(0, 254) };

noteTable('validation', KUBE_VALIDATION_NOTES, {
  isValidLabelValue: [
    ['{{ isValidLabelValue "team-payments" }}', 'true'],
    ['{{ isValidLabelValue "" }}', 'true'],
    ['{{ isValidLabelValue "A.b_c-9" }}', 'true'],
    ['{{ isValidLabelValue .long63 }}', 'true'],
    ['{{ isValidLabelValue .long64 }}', 'false'],
    ['{{ isValidLabelValue "team payments" }}', 'false'],
    ['{{ isValidLabelValue "-leading-dash" }}', 'false'],
    ['{{ isValidLabelValue 5 }}', fails('isValidLabelValue: argument 1 must be a string, not int 5')],
  ],
  isValidLabelKey: [
    ['{{ isValidLabelKey "tier" }}', 'true'],
    ['{{ isValidLabelKey "platform.myorg.io/tier" }}', 'true'],
    ['{{ isValidLabelKey "Platform.io/tier" }}', 'false'],
    ['{{ isValidLabelKey "a/b/c" }}', 'false'],
    ['{{ isValidLabelKey "myorg.io/" }}', 'false'],
    ['{{ isValidLabelKey "bad key" }}', 'false'],
    ['{{ isValidLabelKey "" }}', 'false'],
    ['{{ isValidLabelKey true }}', fails('isValidLabelKey: argument 1 must be a string, not bool true')],
  ],
  isValidAnnotationKey: [
    ['{{ isValidAnnotationKey "platform.myorg.io/jira-ticket" }}', 'true'],
    ['{{ isValidAnnotationKey "simple" }}', 'true'],
    ['{{ isValidAnnotationKey "/name" }}', 'false'],
    ['{{ isValidAnnotationKey "bad key" }}', 'false'],
    ['{{ isValidAnnotationKey 1 }}', fails('isValidAnnotationKey: argument 1 must be a string, not int 1')],
  ],
  isDNS1123Subdomain: [
    ['{{ isDNS1123Subdomain "my-app.example.com" }}', 'true'],
    ['{{ isDNS1123Subdomain "a" }}', 'true'],
    ['{{ isDNS1123Subdomain "My_App" }}', 'false'],
    ['{{ isDNS1123Subdomain "a..b" }}', 'false'],
    ['{{ isDNS1123Subdomain "-a" }}', 'false'],
    ['{{ isDNS1123Subdomain .long254 }}', 'false'],
    ['{{ isDNS1123Subdomain "" }}', 'false'],
    ['{{ isDNS1123Subdomain 3 }}', fails('isDNS1123Subdomain: argument 1 must be a string, not int 3')],
  ],
}, data);

noteTable('validation', VALIDATION_NOTES, {
  isValidEmail: [
    ['{{ isValidEmail "team@myorg.io" }}', 'true'],
    ['{{ isValidEmail " first.last+tag@example.com " }}', 'true'],
    ['{{ isValidEmail "root@localhost" }}', 'true'],
    ['{{ isValidEmail "Team <team@myorg.io>" }}', 'false'],
    ['{{ isValidEmail "not-an-email" }}', 'false'],
    ['{{ isValidEmail "a@b@c" }}', 'false'],
    ['{{ isValidEmail "a.@b.c" }}', 'false'],
    ['{{ isValidEmail 1 }}', fails('isValidEmail: argument 1 must be a string, not int 1')],
  ],
  isValidGitRepository: [
    ['{{ isValidGitRepository "https://github.com/myorg/payments" }}', 'true'],
    ['{{ isValidGitRepository "git@github.com:myorg/payments.git" }}', 'true'],
    ['{{ isValidGitRepository "ssh://git@host:22/repo.git" }}', 'true'],
    ['{{ isValidGitRepository "not a repo" }}', 'false'],
    ['{{ isValidGitRepository "ftp://host/repo" }}', 'false'],
    ['{{ isValidGitRepository "https://host/re po" }}', 'false'],
    ['{{ isValidGitRepository "" }}', 'false'],
    ['{{ isValidGitRepository .m }}', fails('isValidGitRepository: argument 1 must be a string, not map[string]interface {} map[a:1]'), { m: { a: 1 } }],
  ],
  isValidURL: [
    ['{{ isValidURL "https://example.com/webhook" }}', 'true'],
    ['{{ isValidURL "HTTP://example.com:8080/a?b=c" }}', 'true'],
    ['{{ isValidURL "ftp://example.com" }}', 'false'],
    ['{{ isValidURL "not a url" }}', 'false'],
    ['{{ isValidURL "https://" }}', 'false'],
    ['{{ isValidURL "https://exa mple.com" }}', 'false'],
    ['{{ isValidURL 80 }}', fails('isValidURL: argument 1 must be a string, not int 80')],
  ],
  isValidImageRef: [
    ['{{ isValidImageRef "myorg/app:v1.2.3" }}', 'true'],
    ['{{ isValidImageRef "registry.myorg.io:5000/team/app:latest" }}', 'true'],
    ['{{ isValidImageRef "nginx" }}', 'true'],
    ['{{ isValidImageRef "app@sha256:0123456789abcdef0123456789abcdef" }}', 'true'],
    ['{{ isValidImageRef "MyOrg/App" }}', 'false'],
    ['{{ isValidImageRef "app:" }}', 'false'],
    ['{{ isValidImageRef "my app:1" }}', 'false'],
    ['{{ isValidImageRef "app@sha256:xyz" }}', 'false'],
    ['{{ isValidImageRef 1.5 }}', fails('isValidImageRef: argument 1 must be a string, not float64 1.5')],
  ],
  isValidJSON: [
    ['{{ isValidJSON "{\\"app\\": \\"payments-api\\"}" }}', 'true'],
    ['{{ isValidJSON "[1, 2.5, null]" }}', 'true'],
    ['{{ isValidJSON "{not json" }}', 'false'],
    ['{{ isValidJSON "" }}', 'false'],
    ['{{ isValidJSON .m }}', fails('isValidJSON: argument 1 must be a string, not []interface {} [1]'), { m: [1] }],
  ],
  isValidPort: [
    ['{{ isValidPort "8080" }}', 'true'],
    ['{{ isValidPort 443 }}', 'true'],
    ['{{ isValidPort "0" }}', 'false'],
    ['{{ isValidPort "70000" }}', 'false'],
    ['{{ isValidPort "80a" }}', 'false'],
    ['{{ isValidPort 8080.5 }}', fails('isValidPort: argument 1 must be a string, not float64 8080.5')],
  ],
}, data);
