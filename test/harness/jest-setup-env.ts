// jest `setupFiles`: runs before each test file's modules load, so n8n-core sees the
// temporary N8N_USER_FOLDER whichever way a test imports it.
import './env';
