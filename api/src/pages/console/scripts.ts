/**
 * The console's inline scripts, allowed by hash in the console's Content-Security-Policy. Each page
 * works without them (the job page refreshes itself, the badge form previews on the server).
 */

/** The job page: polls the job's status JSON and moves the progress bar; reloads once the job has ended. */
export const JOB_PROGRESS_SCRIPT = `(function(){
var bar=document.getElementById('job-progress');if(!bar)return;
var url=bar.getAttribute('data-status-url');var text=document.getElementById('job-progress-text');
function tick(){fetch(url,{credentials:'same-origin',headers:{Accept:'application/json'}}).then(function(r){return r.json()}).then(function(job){
bar.max=job.total;bar.value=job.processed;var pct=job.total?Math.floor(job.processed*100/job.total):100;
text.textContent=pct+' % — '+job.processed+' of '+job.total+' rows handled ('+job.issued+' issued, '+job.skipped+' skipped, '+job.errors+' errors)';
if(job.state==='done'||job.state==='failed'){location.reload();}else{setTimeout(tick,700);}
}).catch(function(){setTimeout(tick,2000);});}
setTimeout(tick,300);})();`;

/** The badge class form: mirrors the typed name, description, criteria and chosen image into the page preview, and redraws the LinkedIn card preview after a pause in typing. */
export const BADGE_PREVIEW_SCRIPT = `(function(){
var form=document.getElementById('badge-form');if(!form)return;
function bind(name,target){var input=form.elements[name];var out=document.getElementById(target);if(!input||!out)return;
var update=function(){out.textContent=input.value};input.addEventListener('input',update);}
bind('name','preview-name');bind('description','preview-description');bind('criteria','preview-criteria');
var card=document.getElementById('card-preview-image');var timer=0;
function redrawCard(){clearTimeout(timer);timer=setTimeout(function(){var url=new URL(card.src,location.href);
url.searchParams.set('name',form.elements['name'].value);url.searchParams.set('category',form.elements['category'].value);card.src=url.pathname+url.search;},600);}
if(card&&form.elements['name']&&form.elements['category']){form.elements['name'].addEventListener('input',redrawCard);form.elements['category'].addEventListener('change',redrawCard);}
var file=form.elements['image'];var img=document.getElementById('preview-image');
if(file&&img){file.addEventListener('change',function(){var f=file.files&&file.files[0];if(!f)return;
if(f.type==='image/svg+xml'){img.removeAttribute('src');img.alt='SVG image: shown once it is saved and sanitised';return;}
var reader=new FileReader();reader.onload=function(){img.src=reader.result};reader.readAsDataURL(f);});}
})();`;

export const CONSOLE_SCRIPTS: readonly string[] = [JOB_PROGRESS_SCRIPT, BADGE_PREVIEW_SCRIPT];
