/*
 * The NL Design System (Utrecht) stylesheets of exactly the components the client uses. The package's
 * `css-module` entry would inject the CSS of all ~80 components from JavaScript (some 400 kB in the
 * first download, issue 17); the components come from its plain entry, which tree-shakes, and their
 * CSS from here, once, as a static stylesheet. A component newly taken into use needs its line here.
 *
 * Order: as the `css-module` entry injected them, after the app's own styles.css (main.tsx imports this
 * module after it), so that equal-specificity rules resolve as they always did.
 */
import '@utrecht/button-css/dist/index.css';
import '@utrecht/button-group-css/dist/index.css';
import '@utrecht/checkbox-css/dist/index.css';
import '@utrecht/custom-checkbox-css/dist/index.css';
import '@utrecht/form-fieldset-css/dist/index.css';
import '@utrecht/form-field-css/dist/index.css';
import '@utrecht/form-field-description-css/dist/index.css';
import '@utrecht/textbox-css/dist/index.css';
import '@utrecht/form-label-css/dist/index.css';
import '@utrecht/link-css/dist/index.css';
import '@utrecht/radio-button-css/dist/index.css';
import '@utrecht/alert-css/dist/index.css';
import '@utrecht/button-link-css/dist/index.css';
import '@utrecht/textarea-css/dist/index.css';
import '@utrecht/heading-1-css/dist/index.css';
import '@utrecht/heading-2-css/dist/index.css';
import '@utrecht/heading-3-css/dist/index.css';
import '@utrecht/heading-4-css/dist/index.css';
import '@utrecht/heading-5-css/dist/index.css';
import '@utrecht/heading-6-css/dist/index.css';
import '@utrecht/page-content-css/dist/index.css';
import '@utrecht/page-footer-css/dist/index.css';
import '@utrecht/page-header-css/dist/index.css';
import '@utrecht/paragraph-css/dist/index.css';
import '@utrecht/select-css/dist/index.css';
